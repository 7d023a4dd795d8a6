/*
 * Promela model of the nested contexts of patch 9 of the 7.2 series
 * (kernel-patches/7.2/0009-KVM-nVMX-Keep-the-nested-pfncaches-per-vmcs12.patch):
 * a per-vCPU table of NCTX contexts, each holding the caches of the pages
 * that one vmcs12 points to.  VMPTRLD makes the vmcs12's context current
 * (nested_vmx_load_context(): the one with that VMPTR, else an unused
 * one, else the least recently used one, which is recycled); a parked
 * context stays active, so the MMU notifier keeps invalidating its cache
 * and kicking the vCPU; every use of a cache checks it under its lock
 * (nested_gpc_lock(): kvm_gpc_check() && gpc->gpa == gpa) and refreshes or
 * retargets it if the check fails; free_nested() deactivates every
 * context.
 *
 * model.pml checks the invalidation protocol of one cache on x86-TSO
 * (the barriers around vcpu->mode and gpc->valid, the hva_to_pfn_retry()
 * loop, memslot changes, check_events, halts).  This model takes that
 * protocol as given and is sequentially consistent: a step under
 * gpc->lock is one atomic step (so the lock itself is implicit), and a
 * refresh is one atomic step taken while no invalidation is in progress,
 * which is what hva_to_pfn_retry() guarantees for the pfn it commits.  It
 * adds what patch 9 changes: several vmcs12s (NVMCS = 3), a bounded
 * table of contexts (NCTX = 2, so LRU recycling happens), parked caches
 * that the notifier invalidates, and VMXOFF (free_nested()).
 *
 * See docs/model.md ("Nested contexts") for the map from every
 * process/variable to the kernel code, the properties and the mutants.
 *
 * Mutants (compile with spin -DMUT_xxx):
 *   MUT_CTX_REUSE_NO_CHECK  the first nested VM-Enter after switching back
 *                           to a parked context writes its cache's pfn
 *                           into vmcs02 without nested_gpc_lock() (trusts
 *                           the parked cache; its gpa is the vmcs12's)
 *   MUT_CTX_NO_RETARGET     nested_gpc_lock() without the gpc->gpa != gpa
 *                           test: a recycled context's cache is used for
 *                           the new vmcs12 with the old vmcs12's pfn
 *   MUT_CTX_PARK_NO_INVAL   parked contexts are out of the notifier's reach
 *                           (e.g. taken off kvm->gpc_list to make
 *                           invalidations cheaper): an invalidation while
 *                           parked leaves the cache valid with the old pfn
 *   MUT_CTX_CHECK_ALL       vmx_is_nested_state_invalid() checks the caches
 *                           of every context, parked ones included, instead
 *                           of the current one (vmx->nested.gpcs)
 */

/*
 * Properties.  Each run checks one of them (the others compile away):
 *   P6  safety: L2 never runs with a host pfn that is stale w.r.t. the
 *       current mapping of the current vmcs12's page: asserted at every
 *       VM-entry into L2 (vmcs02's pfn is the page's current pfn, or the
 *       control is cleared) and when the primary MMU replaces or unmaps a
 *       page (L2 is not running on it);
 *   P7  no stale use: whenever the vCPU takes a pfn from a cache (to write
 *       it into vmcs02 in nested_get_vmcs12_pages(), or for KVM's own
 *       access in vmx_complete_nested_posted_interrupt()), the cache maps
 *       the current vmcs12's page and the pfn is that page's current pfn
 *       (the changelog's "a parked context is never used with a stale pfn");
 *   P8  liveness: every cycle of the vCPU loop runs a guest or returns to
 *       userspace; checked with pan -l (non-progress cycles).
 */
#ifdef CHECK_P6
#define P6(c)	assert(c)
#else
#define P6(c)	skip
#endif
#ifdef CHECK_P7
#define P7(c)	assert(c)
#else
#define P7(c)	skip
#endif

/* which caches the notifier's walk of kvm->gpc_list reaches */
#ifdef MUT_CTX_PARK_NO_INVAL
#define REACHES(c)	(c == gpcs)
#else
#define REACHES(c)	true
#endif

#define OUTSIDE_GUEST_MODE	0
#define IN_GUEST_MODE		1
#define EXITING_GUEST_MODE	2

#define NCTX		2	/* nested_contexts (the bound B); MUT_CTX_CHECK_ALL
				   and init spell out two contexts */
#define NVMCS		3	/* vmcs12s that L1 loads: VMPTRs 0..2 */
#define NONE		255	/* INVALID_GPA: no vmcs12 / unused context */
#define PFN_ERR		0	/* KVM_PFN_ERR_FAULT / unmapped */
#define NPAGE		3	/* L1 pages (gpa = hva: no memslot changes here) */

#ifndef MAX_INVAL
#define MAX_INVAL	2	/* MMU-notifier invalidations per run */
#endif
#ifndef MAX_LD
#define MAX_LD		4	/* VMPTRLDs that L1 executes */
#endif
#ifndef MAX_OFF
#define MAX_OFF		1	/* VMXOFF + VMXON (free_nested()) */
#endif

/* ---- L1's vmcs12s: the page each one points to (e.g. its
	posted_intr_desc_addr); vmcs12 2 shares vmcs12 0's page with
	-DSHARED_PAGE, else each vmcs12 has its own ---- */
byte page_of[NVMCS];
byte cur = NONE;		/* vmx->nested.current_vmptr */

/* ---- vmx->nested.contexts[] and vmx->nested.gpcs ---- */
byte ctx_vmptr[NCTX];		/* ctx->vmptr (NONE: unused) */
byte ctx_rank[NCTX];		/* ctx->last_used, as its rank among the used
				   contexts (1 = LRU .. #used = MRU; 0 =
				   unused): only its order matters */
byte gpcs;			/* vmx->nested.gpcs: index of the current context */

/* ---- one vCPU-bound cache per context: ctx->pi_desc_cache,
	virtual_apic_cache or apic_access_page_cache (an activation failure
	may take either branch, as in model.pml) ---- */
bool gpc_active[NCTX];
bool gpc_valid[NCTX];
byte gpc_gpa[NCTX];		/* gpc->gpa (= gpc->uhva: no memslot changes) */
byte gpc_pfn[NCTX];		/* gpc->pfn */

/* ---- struct kvm_vcpu ---- */
byte mode = OUTSIDE_GUEST_MODE;	/* vcpu->mode */
bool req_gnsp;			/* KVM_REQ_GET_NESTED_STATE_PAGES */
bool guest_mode;		/* is_guest_mode(vcpu) */
bool irqs_on = 1;		/* IRQs enabled on the vCPU's pCPU */
bool ipi;			/* kick IPI pending on the vCPU's pCPU */
bool in_l2;			/* pCPU executing L2 */
byte vmcs02_pfn = PFN_ERR;	/* the HPA field of the one vmcs02 that the
				   cache fills (POSTED_INTR_DESC_ADDR, ...);
				   PFN_ERR: control cleared */
#ifdef MUT_CTX_REUSE_NO_CHECK
bool reused;			/* the last VMPTRLD switched to a parked context */
#endif

/* ---- the host mm ---- */
byte hva_pfn[NPAGE];		/* what hva_to_pfn() returns; PFN_ERR: unmapped */
byte next_pfn = NPAGE + 1;
byte mn_count;			/* kvm->mn_active_invalidate_count */
byte n_inval, n_ld, n_off;

/* ================= vCPU side ================= */

/* kvm_gpc_deactivate() of the current context's cache */
inline gpc_deactivate()
{
	atomic {
		gpc_active[gpcs] = 0; gpc_valid[gpcs] = 0;
		gpc_pfn[gpcs] = PFN_ERR; gpc_gpa[gpcs] = 0
	}
}

/*
 * kvm_gpc_activate(gpc, gpa) / kvm_gpc_refresh() of the current context's
 * cache: hva_to_pfn_retry() commits a pfn only when no invalidation
 * started or ended since it looked the page up, i.e. the page's current
 * pfn; one atomic step while no invalidation is in progress.  Sets err on
 * -EFAULT (the page is unmapped).
 */
inline gpc_activate(a)
{
	atomic {
		mn_count == 0 ->
		gpc_active[gpcs] = 1;
		gpc_gpa[gpcs] = a;
		gpc_pfn[gpcs] = hva_pfn[a];
		gpc_valid[gpcs] = (gpc_pfn[gpcs] != PFN_ERR);
		err = !gpc_valid[gpcs]
	}
}

/*
 * nested_get_vmcs12_cached_pages() for the one page: nested_gpc_hpa() ->
 * nested_gpc_lock(gpc, gpa): under the lock kvm_gpc_check() &&
 * gpc->gpa == gpa, else kvm_gpc_activate(gpc, gpa) (retarget or refresh)
 * and retry; then vmcs_write64().  On error: deactivate, then clear the
 * control or fail the entry (fatal), as in model.pml.
 */
inline get_vmcs12_pages()
{
	do
	:: done -> atomic { done = 0; err = 0; ok = 0 }; break
	:: else ->
		atomic {
#ifdef MUT_CTX_NO_RETARGET
			ok = gpc_active[gpcs] && gpc_valid[gpcs];
#else
			ok = gpc_active[gpcs] && gpc_valid[gpcs] &&
			     gpc_gpa[gpcs] == page_of[cur];
#endif
			if
			:: ok ->
				P7(gpc_gpa[gpcs] == page_of[cur] &&
				   gpc_pfn[gpcs] == hva_pfn[page_of[cur]]);
				vmcs02_pfn = gpc_pfn[gpcs];	/* pfn_to_hpa(gpc->pfn) */
				done = 1
			:: else
			fi
		}
		if
		:: !done ->
			gpc_activate(page_of[cur]);
			if
			:: err ->
				gpc_deactivate();	/* deactivate-on-error */
				if
				:: vmcs02_pfn = PFN_ERR	/* clear the control */
				:: fatal = 1		/* KVM_EXIT_INTERNAL_ERROR */
				fi;
				done = 1
			:: else			/* goto retry */
			fi
		:: else
		fi
	od
}

/*
 * vmx_complete_nested_posted_interrupt() -> nested_lock_pi_desc(vmx, true)
 * -> nested_gpc_lock_if_active(gpc, can_sleep = true) on the current
 * context's cache: while active and kvm_gpc_check() fails,
 * kvm_gpc_refresh() (deactivate on error), then ask for vmcs02 to be
 * reloaded; use gpc->khva when the check passes.
 */
inline events_lock_if_active()
{
	do
	:: done -> atomic { done = 0; err = 0; ok = 0 }; break
	:: else ->
		atomic {
			ok = !gpc_active[gpcs] || gpc_valid[gpcs];
			if
			:: gpc_active[gpcs] && gpc_valid[gpcs] ->
				P7(gpc_gpa[gpcs] == page_of[cur] &&
				   gpc_pfn[gpcs] == hva_pfn[page_of[cur]])
			:: else
			fi;
			done = ok
		}
		if
		:: !done ->
			gpc_activate(gpc_gpa[gpcs]);	/* kvm_gpc_refresh() */
			if
			:: err -> gpc_deactivate(); done = 1
			:: else
			fi;
			req_gnsp = 1
		:: else
		fi
	od
}

/*
 * kvm_vcpu_exit_request(): EXITING_GUEST_MODE, kvm_request_pending(), then
 * is_guest_mode() && vmx_is_nested_state_invalid(): kvm_gpc_invalid()
 * (active && !valid) on the caches of vmx->nested.gpcs.
 */
inline exit_request()
{
	exitreq = (mode == EXITING_GUEST_MODE) || req_gnsp;
	atomic {
#ifdef MUT_CTX_CHECK_ALL
		if
		:: guest_mode && ((gpc_active[0] && !gpc_valid[0]) ||
				  (gpc_active[1] && !gpc_valid[1])) ->
			req_gnsp = 1; exitreq = 1
		:: else
		fi
#else
		if
		:: guest_mode && gpc_active[gpcs] && !gpc_valid[gpcs] ->
			req_gnsp = 1; exitreq = 1
		:: else
		fi
#endif
	}
}

/*
 * nested_vmx_load_context(vcpu, v), called by set_current_vmptr() on
 * VMPTRLD of a vmcs12 that is not the current one.
 */
inline load_context(v)
{
	d_step {
		/* the context with that VMPTR, else the first one with the
		   smallest last_used (unused ones have 0) */
		c = NONE;
		i = 0;
		do
		:: i < NCTX ->
			if
			:: ctx_vmptr[i] == v -> c = i; break
			:: else
			fi;
			if
			:: lru == NONE || ctx_rank[i] < ctx_rank[lru] -> lru = i
			:: else
			fi;
			i++
		:: else -> break
		od;
#ifdef MUT_CTX_REUSE_NO_CHECK
		reused = (c != NONE && c != gpcs);	/* ++nested_context_reuse */
#endif
		if
		:: c == NONE -> c = lru; ctx_vmptr[c] = v	/* recycle if used */
		:: else
		fi;
		/* ctx->last_used = ++contexts_clock, kept as ranks */
		r = ctx_rank[c];
		k = 0;
		i = 0;
		do
		:: i < NCTX ->
			if
			:: r != 0 && ctx_rank[i] > r -> ctx_rank[i]--
			:: else
			fi;
			if
			:: ctx_vmptr[i] != NONE -> k++
			:: else
			fi;
			i++
		:: else -> break
		od;
		ctx_rank[c] = k;
		gpcs = c;
		cur = v;
		c = 0; i = 0; r = 0; k = 0; lru = NONE
	}
}

/* VMXOFF: free_nested() -> nested_vmx_free_contexts(); then VMXON */
inline free_nested()
{
	d_step {
		i = 0;
		do
		:: i < NCTX ->
			gpc_active[i] = 0; gpc_valid[i] = 0;
			gpc_pfn[i] = PFN_ERR; gpc_gpa[i] = 0;
			ctx_vmptr[i] = NONE; ctx_rank[i] = 0;
			i++
		:: else -> break
		od;
		i = 0;
		gpcs = 0;
		cur = NONE
	}
}

proctype vcpu()
{
	bool err, ok, done, exitreq, fatal;
	byte v, c, i, r, k, lru = NONE;

	/* L1 runs after VMXON: no current vmcs12 */
loop:	/* vcpu_enter_guest(), IRQs on, mode OUTSIDE_GUEST_MODE */
	if
	:: req_gnsp ->
		req_gnsp = 0;
		if
		:: guest_mode ->
			get_vmcs12_pages();
			if
			:: fatal ->
				atomic { fatal = 0; req_gnsp = 1 };
				goto userspace
			:: else
			fi
		:: else
		fi
	:: else
	fi;
	/* kvm_check_and_inject_events(): nested posted interrupt pending? */
	if
	:: true
	:: guest_mode -> events_lock_if_active()
	fi;
	irqs_on = 0;
	mode = IN_GUEST_MODE;
	exit_request();
	if
	:: exitreq ->
		atomic { exitreq = 0; mode = OUTSIDE_GUEST_MODE; irqs_on = 1; ipi = 0 };
		goto loop
	:: else
	fi;

	/* VMLAUNCH/VMRESUME of vmcs02 (or vmcs01 when L1 runs) */
	atomic {
		in_l2 = guest_mode;
		if
		:: guest_mode ->
			P6(vmcs02_pfn == PFN_ERR ||
			   vmcs02_pfn == hva_pfn[page_of[cur]])
		:: else
		fi
	}
progress_guest_runs:
	/* the guest runs until a VM-exit (a pending IPI forces one); then
	   vcpu->mode = OUTSIDE_GUEST_MODE and local_irq_enable(), where the
	   IPI is taken.  One step: the notifier's cmpxchg and IPI see the
	   same whether they come before or after the exit. */
	atomic { in_l2 = 0; mode = OUTSIDE_GUEST_MODE; irqs_on = 1; ipi = 0 }
	if
	:: guest_mode ->
		if
		:: skip				/* L0 handles the exit */
		:: atomic { guest_mode = 0; req_gnsp = 0 }
						/* nested_vmx_vmexit() */
		fi
	:: else ->
		if
		:: skip				/* L1 keeps running */
		:: n_ld < MAX_LD ->		/* VMPTRLD of another vmcs12 */
			n_ld++;
			if
			:: cur != 0 -> v = 0
			:: cur != 1 -> v = 1
			:: cur != 2 -> v = 2
			fi;
			load_context(v);
			v = 0
		:: cur != NONE -> goto nested_vmentry	/* VMLAUNCH/VMRESUME */
		:: n_off < MAX_OFF ->		/* VMXOFF, VMXON */
			n_off++;
			free_nested()
		fi
	fi;
	goto loop;

nested_vmentry:	/* nested_vmx_enter_non_root_mode() -> nested_get_vmcs12_pages() */
#ifdef MUT_CTX_REUSE_NO_CHECK
	/* the context was valid when it was parked: write its pfn into
	   vmcs02 without nested_gpc_lock() */
	if
	:: atomic {
		reused && gpc_active[gpcs] ->
		P7(gpc_gpa[gpcs] == page_of[cur] &&
		   gpc_pfn[gpcs] == hva_pfn[page_of[cur]]);
		vmcs02_pfn = gpc_pfn[gpcs];
		reused = 0;
		guest_mode = 1
	   };
		goto loop
	:: else -> reused = 0
	fi;
#endif
	get_vmcs12_pages();
	if
	:: fatal ->
		fatal = 0;
		goto userspace
	:: else ->
		guest_mode = 1;
		goto loop
	fi;

userspace:
progress_userspace:
	skip;
	goto loop
}

/* ================= MMU-notifier side ================= */

/*
 * kvm_mmu_notifier_invalidate_range_start() (count++),
 * gfn_to_pfn_cache_invalidate_start() walking kvm->gpc_list (every active
 * cache: the current context's and the parked ones), the kick
 * (KVM_REQ_OUTSIDE_GUEST_MODE with KVM_REQUEST_WAIT), the primary MMU
 * replacing or unmapping the page, invalidate_range_end() (count--).
 */
proctype mmu_notifier()
{
	byte h, old, m, c;
	bool evict;

	do
	:: n_inval < MAX_INVAL ->
		atomic {
			n_inval++;
			if
			:: hva_pfn[0] != PFN_ERR -> h = 0
			:: hva_pfn[1] != PFN_ERR -> h = 1
			:: hva_pfn[2] != PFN_ERR -> h = 2
			fi;
			mn_count++
		}
		c = 0;
		do
		:: c < NCTX ->
			atomic {	/* write_lock_irq(&gpc->lock) .. unlock */
				if
				:: gpc_valid[c] && gpc_pfn[c] != PFN_ERR &&
				   gpc_gpa[c] == h && REACHES(c) ->
					gpc_valid[c] = 0;
					evict = 1
				:: else
				fi;
				c++
			}
		:: else -> break
		od;
		if
		:: evict ->
			/* kvm_vcpu_exiting_guest_mode(): cmpxchg IN -> EXITING */
			atomic {
				m = mode;
				if
				:: m == IN_GUEST_MODE -> mode = EXITING_GUEST_MODE
				:: else
				fi
			}
			if
			:: m != OUTSIDE_GUEST_MODE ->
				/* IPI, taken at once if the vCPU's IRQs are on */
				atomic { ipi = !irqs_on };
				(ipi == 0)	/* smp_call_function_many(wait) */
			:: else
			fi
		:: else
		fi;
		atomic {
			old = hva_pfn[h];
			if
			:: hva_pfn[h] = next_pfn; next_pfn++	/* migration */
			:: hva_pfn[h] = PFN_ERR			/* munmap */
			fi;
			P6(!(in_l2 && vmcs02_pfn == old))
		}
		atomic { mn_count--; h = 0; old = 0; m = 0; c = 0; evict = 0 }
	:: else -> break
	od
}

init
{
	atomic {
		ctx_vmptr[0] = NONE;
		ctx_vmptr[1] = NONE;
		page_of[0] = 0;
		page_of[1] = 1;
#ifdef SHARED_PAGE
		page_of[2] = 0;
#else
		page_of[2] = 2;
#endif
		hva_pfn[0] = 1;
		hva_pfn[1] = 2;
		hva_pfn[2] = 3;
		run vcpu();
		run mmu_notifier()
	}
}
