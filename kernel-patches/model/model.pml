/*
 * Promela model of the nested-VMX pfncache invalidation protocol of the
 * nvmx-gpc 6.12 series (patches 2-4): vcpu_enter_guest() with the
 * is_nested_state_invalid() clause in kvm_vcpu_exit_request(), the
 * MMU-notifier invalidation that kicks the vCPU with
 * KVM_REQ_OUTSIDE_GUEST_MODE (IPI + wait), memslot changes and
 * activation failures (deactivate-on-error).
 *
 * Memory model: x86-TSO.  Each CPU's stores that are read lock-free by
 * the other side go through a FIFO store buffer drained by a separate
 * process; a load sees the CPU's own buffered store first (forwarding);
 * smp_mb() and locked RMW instructions (cmpxchg, lock acquire) wait for
 * the buffer to drain.  Stores and loads done under gpc->lock are
 * modelled sequentially consistent: the lock orders them.
 *
 * See docs/model.md for the map from every process/variable to the
 * kernel code, the properties and the mutants.
 *
 * Mutants (compile with spin -DMUT_xxx):
 *   MUT_NO_CHECK        kvm_vcpu_exit_request() without is_nested_state_invalid()
 *   MUT_CHECK_EARLY     is_nested_state_invalid() checked before the IN_GUEST_MODE store
 *   MUT_NO_MB           no full barrier between the IN_GUEST_MODE store and the check
 *   MUT_NO_KICK         invalidation does not kick the vCPU (plain 6.12 pfncache)
 *   MUT_NO_WAIT         kick without KVM_REQUEST_WAIT (does not wait for the IPI)
 *   MUT_INV_NO_MB       notifier reads vcpu->mode with a plain load, no barrier
 *   MUT_NO_DEACTIVATE   activation failure leaves the cache active and invalid
 *   MUT_L1_CHECK        is_nested_state_invalid() also consulted while L1 runs
 *   MUT_EVENTS_NO_RELOAD check_events() refreshes (or deactivates) a cache
 *                       without asking for vmcs02 to be reloaded: the
 *                       seed as posted, and patch 4 before the fix
 *                       (see docs/model.md)
 *   MUT_RELOAD_ALL      the reload after an invalidation re-runs all of
 *                       nested_get_vmcs12_pages(), load_pdptrs()
 *                       included (patch 4 in v1 of the port: issue 13,
 *                       bug 2)
 *   MUT_EVENTS_ANY_CHECK has_events() reports any failed kvm_gpc_check()
 *                       as an event, a stale memslot generation included
 *                       (v1 of the port: issue 13, bug 3)
 */

/*
 * Properties.  Each run checks one of them (the others compile away):
 *   P1  safety: L2 never runs on a PFN whose page the primary MMU released
 *       after invalidating the cache (asserted at VM-entry and at the
 *       moment the page is released);
 *   P2  no lost reload: once an invalidation kicked the vCPU out of guest
 *       mode, vmcs02 is reloaded from the cache before L2 runs again;
 *   P3  liveness: every cycle of the vCPU loop runs a guest or returns to
 *       userspace (labels progress_guest_runs, progress_userspace);
 *       checked with pan -l (non-progress cycles).
 *   P4  a reload after an invalidation fails only because a cached page
 *       cannot be mapped, never because of L2's own state (its PDPTEs);
 *   P5  an event that has_events() reports for a cache while L2 halts is
 *       cleared by the vCPU's next entry: the next halt does not report
 *       it again unless a new invalidation or memslot change came since.
 */
#ifdef CHECK_P1
#define P1(c)	assert(c)
#else
#define P1(c)	skip
#endif
#ifdef CHECK_P2
#define P2(c)	assert(c)
#else
#define P2(c)	skip
#endif
#ifdef CHECK_P4
#define P4(c)	assert(c)
#else
#define P4(c)	skip
#endif
#ifdef CHECK_P5
#define P5(c)	assert(c)
#else
#define P5(c)	skip
#endif

#define OUTSIDE_GUEST_MODE	0
#define IN_GUEST_MODE		1
#define EXITING_GUEST_MODE	2
#define SB_EMPTY		255

#define NHVA		2	/* two userspace pages the GPA can be backed by */
#define HVA_ERR		2	/* KVM_HVA_ERR_BAD: memslot deleted */
#define PFN_ERR		0	/* KVM_PFN_ERR_FAULT / unmapped / feature off */
#define NPFN		6	/* pfn ids 1..5 */

#ifndef MAX_INVAL
#define MAX_INVAL	2	/* MMU-notifier invalidations per run */
#endif
#ifndef MAX_SLOT
#define MAX_SLOT	1	/* memslot changes per run */
#endif
#ifndef MAX_HALT
#define MAX_HALT	2	/* HLTs that L2 executes (HLT passed through) */
#endif

/* ---- struct kvm_vcpu ---- */
byte mode = OUTSIDE_GUEST_MODE;	/* vcpu->mode, as visible in memory */
byte mode_sb = SB_EMPTY;	/* vCPU store buffer (holds a vcpu->mode store) */
bool req_gnsp;			/* KVM_REQ_GET_NESTED_STATE_PAGES in vcpu->requests */
bool guest_mode;			/* is_guest_mode(vcpu): L2 is the current guest */
bool irqs_on = 1;		/* IRQs enabled on the vCPU's pCPU */
bool ipi;			/* kick IPI pending on the vCPU's pCPU */
bool in_l2;			/* pCPU executing L2 (VM-entry .. VM-exit) */
byte vmcs02_pfn = PFN_ERR;	/* HPA field of vmcs02 loaded from the cache
				   (POSTED_INTR_DESC_ADDR, VIRTUAL_APIC_PAGE_ADDR or
				   APIC_ACCESS_ADDR); PFN_ERR: control cleared */

/* ---- one vCPU-bound struct gfn_to_pfn_cache (kvm_gpc_init_for_vcpu()):
	vmx->nested.pi_desc_cache, virtual_apic_cache or apic_access_page_cache */
bool gpc_lock;			/* gpc->lock (rwlock, modelled as a mutex) */
bool gpc_active;		/* gpc->active */
bool gpc_valid;			/* gpc->valid */
byte gpc_pfn = PFN_ERR;		/* gpc->pfn */
byte gpc_uhva = HVA_ERR;	/* gpc->uhva */
byte gpc_gen = 255;		/* gpc->generation (255: never matched) */

/* notifier CPU store buffer: gpc->valid = false, then write_unlock(gpc->lock) */
bool inv_sb_valid;
bool inv_sb_unlock;

/* ---- memslots and the host mm ---- */
byte slot_hva = 0;		/* gfn_to_hva_memslot() of the cached GPA */
byte slot_gen = 0;		/* kvm_memslots(kvm)->generation */
byte hva_pfn[NHVA];		/* what hva_to_pfn() returns per hva; PFN_ERR: unmapped */
bool freed[NPFN];		/* page released by the primary MMU */
byte next_pfn = 3;
byte mmu_seq;			/* kvm->mmu_invalidate_seq */
byte mn_count;			/* kvm->mn_active_invalidate_count */
byte n_inval, n_slot;

/* ---- L2's state that the full nested_get_vmcs12_pages() reads ---- */
bool pdpt_bad;			/* L2 wrote a reserved bit into its PDPT after
				   the nested VM-Enter loaded the PDPTEs */
byte n_halt;

/* ---- ghost state for property (5): the last has_events() report ---- */
bool he_reported;
byte he_inval;			/* inval_epoch at that report */
byte he_gen;			/* slot_gen at that report */

/* ---- ghost state for property (2) ---- */
byte inval_epoch;		/* number of invalidations that cleared gpc->valid */
byte vmcs02_epoch;		/* inval_epoch when vmcs02 was last (re)loaded */
byte ipi_epoch;			/* inval_epoch of the pending kick IPI */
byte owed_epoch;		/* the vCPU was kicked out of guest mode by this
				   invalidation: vmcs02 must be reloaded after it */

/* ================= vCPU side ================= */

inline store_mode(v)
{
	(mode_sb == SB_EMPTY);	/* one-entry buffer: wait for the older store */
	mode_sb = v
}

inline smp_mb()
{
	(mode_sb == SB_EMPTY)
}

/* local_irq_enable(): a pending kick IPI is taken (and acked) right here */
inline irq_enable()
{
	atomic {
		irqs_on = 1;
		if
		:: ipi -> ipi = 0; owed_epoch = ipi_epoch
		:: else
		fi
	}
}

/* kvm_gpc_deactivate() */
inline gpc_deactivate()
{
	atomic { !gpc_lock && mode_sb == SB_EMPTY -> gpc_active = 0; gpc_valid = 0; gpc_pfn = PFN_ERR }
}

/*
 * kvm_gpc_activate() -> __kvm_gpc_activate() -> __kvm_gpc_refresh()
 * -> hva_to_pfn_retry().  Sets err on -EFAULT.
 */
inline gpc_activate()
{
	err = 0;
	hvachange = 0;
	if
	:: !gpc_active ->	/* list_add(); write_lock; active = true; unlock */
		atomic { !gpc_lock && mode_sb == SB_EMPTY -> gpc_active = 1 }
	:: else
	fi;
	/* __kvm_gpc_refresh(): write_lock_irq(&gpc->lock) */
	atomic {
		!gpc_lock && mode_sb == SB_EMPTY -> gpc_lock = 1;
		if
		:: gpc_gen != slot_gen || gpc_uhva == HVA_ERR ->
			/* new memslot generation: recompute the uhva */
			gpc_gen = slot_gen;
			hvachange = (gpc_uhva != slot_hva);
			gpc_uhva = slot_hva;
			err = (gpc_uhva == HVA_ERR)
		:: else
		fi
	}
	if
	:: !err && (!gpc_valid || hvachange) ->
		/* hva_to_pfn_retry() */
		gpc_valid = 0;
		seq_snap = mmu_seq;
		gpc_lock = 0;
		do
		:: newpfn = hva_pfn[gpc_uhva];		/* hva_to_pfn() (GUP) */
			if
			:: newpfn == PFN_ERR ->
				atomic { !gpc_lock && mode_sb == SB_EMPTY -> gpc_lock = 1 };
				err = 1;
				break
			:: else
			fi;
			atomic {
				!gpc_lock && mode_sb == SB_EMPTY -> gpc_lock = 1;
				retry = (mn_count != 0 || mmu_seq != seq_snap)
			}
			if
			:: !retry -> break
			:: else ->
				gpc_lock = 0;
				/*
				 * Abstraction: the kernel loops while an
				 * invalidation is in progress; every such
				 * iteration fails, so wait for it instead.
				 */
				atomic { mn_count == 0 -> seq_snap = mmu_seq }
			fi
		od;
		if
		:: !err -> gpc_valid = 1; gpc_pfn = newpfn
		:: else
		fi
	:: else
	fi;
	atomic {
		if
		:: err -> gpc_valid = 0; gpc_pfn = PFN_ERR
		:: else
		fi;
		gpc_lock = 0
	}
}

/*
 * nested_get_vmcs12_pages() for one page: nested_gpc_hpa() ->
 * nested_gpc_lock() (check, else activate/refresh and retry), then
 * vmcs_write64() of the HPA into vmcs02.  On an activation error the
 * cache is deactivated (deactivate-on-error) and either
 *  - the vmcs02 control that uses the page is cleared and the entry goes
 *    on (pi_desc_cache: pin_controls_clearbit(PIN_BASED_POSTED_INTR);
 *    virtual_apic_cache with CR8 exiting: clear CPU_BASED_TPR_SHADOW), or
 *  - nested_get_vmcs12_pages() returns false (apic_access_page_cache), so
 *    the caller exits to userspace with KVM_EXIT_INTERNAL_ERROR: fatal = 1.
 * The model's single cache may take either branch on each failure.
 */
inline get_vmcs12_pages()
{
	do
	:: done -> atomic { done = 0; err = 0; hvachange = 0; retry = 0; ok = 0;
			    newpfn = 0; seq_snap = 0 }; break
	:: else ->
		atomic {
			!gpc_lock && mode_sb == SB_EMPTY -> gpc_lock = 1;
			/* kvm_gpc_check() && gpc->gpa == gpa */
			ok = (gpc_active && gpc_gen == slot_gen &&
			      gpc_uhva != HVA_ERR && gpc_valid);
			if
			:: ok ->
				vmcs02_pfn = gpc_pfn;	/* pfn_to_hpa(gpc->pfn) */
				vmcs02_epoch = inval_epoch;
				gpc_lock = 0;
				done = 1
			:: else ->
				gpc_lock = 0
			fi
		}
		if
		:: !done ->
			gpc_activate();
			if
			:: err ->
#ifndef MUT_NO_DEACTIVATE
				gpc_deactivate();	/* deactivate-on-error */
#endif
				if
				:: atomic { vmcs02_pfn = PFN_ERR; vmcs02_epoch = inval_epoch }
				:: fatal = 1
				fi;
				done = 1
			:: else		/* goto retry */
			fi
		:: else
		fi
	od
}

/*
 * vmx_check_nested_events() -> vmx_complete_nested_posted_interrupt()
 * with a nested posted interrupt pending: nested_lock_pi_desc(vmx, true)
 * / nested_lock_vapic(vmx, true) -> nested_gpc_lock_if_active(gpc, true),
 * which refreshes an invalidated cache (deactivating it on error) for
 * KVM's own access through gpc->khva.  The refresh changes gpc->pfn but
 * not vmcs02, so patch 4 makes KVM_REQ_GET_NESTED_STATE_PAGES after the
 * refresh and after the deactivation (kvm_make_request() in
 * nested_gpc_lock_if_active()); MUT_EVENTS_NO_RELOAD is the seed as
 * posted, without the request.
 */
inline events_lock_if_active()
{
	do
	:: done -> atomic { done = 0; err = 0; hvachange = 0; retry = 0; ok = 0;
			    newpfn = 0; seq_snap = 0 }; break
	:: else ->
		atomic {
			!gpc_lock && mode_sb == SB_EMPTY -> gpc_lock = 1;
			ok = (!gpc_active ||		/* -ENOENT */
			      (gpc_gen == slot_gen && gpc_uhva != HVA_ERR &&
			       gpc_valid));		/* kvm_gpc_check(): use khva */
			gpc_lock = 0;
			done = ok
		}
		if
		:: !done ->
			gpc_activate();			/* kvm_gpc_refresh() */
			if
			:: err -> gpc_deactivate(); done = 1
			:: else
			fi;
#ifndef MUT_EVENTS_NO_RELOAD
			req_gnsp = 1			/* reload vmcs02 before entry */
#endif
		:: else
		fi
	od
}

/*
 * kvm_vcpu_check_block() -> vmx_has_nested_events() while L2 halts:
 * nested_lock_vapic(vmx, false) -> nested_gpc_lock_if_active(gpc, false),
 * which may not sleep and so never refreshes.  The series reports an event
 * only for a cache that the MMU notifier invalidated (active && !valid),
 * which vmx_is_nested_state_invalid() then reloads before L2 runs again;
 * a valid cache with a stale memslot generation is read as is.
 * MUT_EVENTS_ANY_CHECK reports any failed kvm_gpc_check().  Sets ev.
 */
inline has_events()
{
	atomic {
		!gpc_lock && mode_sb == SB_EMPTY ->
#ifdef MUT_EVENTS_ANY_CHECK
		ev = (gpc_active && !(gpc_gen == slot_gen &&
				      gpc_uhva != HVA_ERR && gpc_valid));
#else
		ev = (gpc_active && !gpc_valid);
#endif
		if
		:: ev ->
			P5(!(he_reported && he_inval == inval_epoch &&
			     he_gen == slot_gen));
			he_reported = 1;
			he_inval = inval_epoch;
			he_gen = slot_gen
		:: else
		fi
	}
}

/*
 * kvm_vcpu_exit_request() with the series' kvm_vcpu_nested_state_invalid():
 * is_guest_mode() && vmx_is_nested_state_invalid() (kvm_gpc_invalid() on
 * the caches) -> kvm_make_request(KVM_REQ_GET_NESTED_STATE_PAGES).
 */
inline nested_state_invalid()
{
	atomic {
		if
		:: gpc_active && !gpc_valid -> req_gnsp = 1; exitreq = 1
		:: else
		fi
	}
}

inline exit_request()
{
	atomic {
		m = (mode_sb != SB_EMPTY -> mode_sb : mode);
		exitreq = exitreq || (m == EXITING_GUEST_MODE);
		m = 0
	}
	exitreq = exitreq || req_gnsp;		/* kvm_request_pending() */
#if !defined(MUT_NO_CHECK) && !defined(MUT_CHECK_EARLY)
#ifdef MUT_L1_CHECK
	nested_state_invalid();
#else
	if :: guest_mode -> nested_state_invalid() :: else fi;
#endif
#endif
	skip
}

proctype vcpu()
{
	bool err, hvachange, retry, ok, done, exitreq, fatal, ev;
	byte newpfn, seq_snap, m;

	/* L1 runs; its first exit is VMLAUNCH */
	goto nested_vmentry;

loop:	/* vcpu_enter_guest(), srcu held, IRQs on, mode OUTSIDE_GUEST_MODE */
	if
	:: req_gnsp ->
		req_gnsp = 0;
		/* vmx_get_nested_state_pages() */
		if
		:: guest_mode ->
#ifdef MUT_RELOAD_ALL
			/* load_pdptrs() of a PAE L2 without EPT */
			if
			:: pdpt_bad -> P4(false); fatal = 1
			:: else -> get_vmcs12_pages()
			fi;
#else
			/* nested_get_vmcs12_cached_pages() */
			get_vmcs12_pages();
#endif
			if
			:: fatal ->
				/* KVM_EXIT_INTERNAL_ERROR, request re-armed, r = 0 */
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
	irqs_on = 0;				/* local_irq_disable() */
#ifdef MUT_CHECK_EARLY
	if :: guest_mode -> nested_state_invalid() :: else fi;
#endif
	store_mode(IN_GUEST_MODE);		/* smp_store_release(&vcpu->mode, IN_GUEST_MODE) */
#ifndef MUT_NO_MB
	smp_mb();				/* srcu_read_unlock(): smp_mb() */
#endif
	exit_request();
	if
	:: exitreq ->
		exitreq = 0;
		store_mode(OUTSIDE_GUEST_MODE);	/* + smp_wmb() */
		irq_enable();
		smp_mb();			/* kvm_vcpu_srcu_read_lock(): smp_mb() */
		goto loop			/* r = 1: cancel_injection, re-enter */
	:: else
	fi;

vmentry:	/* VMLAUNCH/VMRESUME of vmcs02 (or vmcs01 when L1 runs) */
	atomic {
		in_l2 = guest_mode;
		if
		:: guest_mode ->
			P1(vmcs02_pfn == PFN_ERR || !freed[vmcs02_pfn]);
			P2(vmcs02_epoch >= owed_epoch)
		:: else
		fi
	}
progress_guest_runs:
	/* the guest runs until a VM-exit; a pending IPI forces one */
	in_l2 = 0;
	if
	:: guest_mode && !pdpt_bad -> pdpt_bad = 1	/* L2 writes its PDPT */
	:: skip
	fi;
	if
	:: skip ->	/* EXIT_FASTPATH_REENTER_GUEST: mode stays IN_GUEST_MODE */
		exit_request();
		if
		:: !exitreq -> goto vmentry
		:: else -> exitreq = 0		/* EXIT_FASTPATH_EXIT_HANDLED */
		fi
	:: skip
	fi;
	store_mode(OUTSIDE_GUEST_MODE);		/* vcpu->mode = OUTSIDE_GUEST_MODE; smp_wmb() */
	irq_enable();
	smp_mb();				/* kvm_vcpu_srcu_read_lock(): smp_mb() */
	/* exit handling */
	if
	:: guest_mode ->
		if
		:: skip				/* L0 handles the exit, resume L2 */
		:: n_halt < MAX_HALT ->		/* L2 executes HLT (not intercepted
						   by L1): kvm_vcpu_halt() */
			n_halt++;
			has_events();
			/* no event: the vCPU sleeps until an interrupt
			   wakes it (abstracted: it wakes up at once) */
			ev = 0
		:: atomic { guest_mode = 0; req_gnsp = 0 }
						/* nested_vmx_vmexit(): reflect to L1;
						   kvm_check_request() drops a pending
						   KVM_REQ_GET_NESTED_STATE_PAGES */
		fi
	:: else ->
		if
		:: skip				/* L1 keeps running */
		:: goto nested_vmentry		/* L1 executes VMLAUNCH/VMRESUME */
		fi
	fi;
	goto loop;

nested_vmentry:	/* nested_vmx_run() -> nested_vmx_enter_non_root_mode(vcpu, true) */
	pdpt_bad = 0;		/* the PDPTEs are loaded with vmcs12's CR3 */
	get_vmcs12_pages();
	if
	:: fatal ->
		fatal = 0;			/* NVMX_VMENTRY_KVM_INTERNAL_ERROR, L1 stays */
		goto userspace
	:: else ->
		guest_mode = 1;
		goto loop
	fi;

userspace:	/* KVM_RUN returns KVM_EXIT_INTERNAL_ERROR; userspace calls KVM_RUN again */
progress_userspace:
	skip;
	goto loop
}

/* the vCPU pCPU's store buffer drains in the background */
proctype vcpu_store_buffer()
{
end:	do
	:: atomic { mode_sb != SB_EMPTY -> mode = mode_sb; mode_sb = SB_EMPTY }
	od
}

/* ================= MMU-notifier side ================= */

/* the notifier pCPU's store buffer: FIFO of valid = false, then the unlock */
proctype notifier_store_buffer()
{
end:	do
	:: atomic { inv_sb_valid -> gpc_valid = 0; inv_sb_valid = 0 }
	:: atomic { !inv_sb_valid && inv_sb_unlock -> gpc_lock = 0; inv_sb_unlock = 0 }
	od
}

/*
 * kvm_mmu_notifier_invalidate_range_start() (mn_active_invalidate_count++,
 * gfn_to_pfn_cache_invalidate_start() with the vCPU kick), the primary MMU
 * changing the PTE and releasing the page, then
 * kvm_mmu_notifier_invalidate_range_end() (mmu_invalidate_seq++, count--).
 */
proctype mmu_notifier()
{
	byte h, old, m;
	bool evict;

	do
	:: n_inval < MAX_INVAL && (hva_pfn[0] != PFN_ERR || hva_pfn[1] != PFN_ERR) ->
		n_inval++;
		if
		:: hva_pfn[0] != PFN_ERR -> h = 0
		:: hva_pfn[1] != PFN_ERR -> h = 1
		fi;
		mn_count++;
		/* gfn_to_pfn_cache_invalidate_start() */
		evict = 0;
		atomic {
			!gpc_lock && !inv_sb_unlock -> gpc_lock = 1;	/* write_lock_irq */
			if
			:: gpc_valid && gpc_pfn != PFN_ERR && gpc_uhva == h ->
				inv_sb_valid = 1;	/* gpc->valid = false (buffered) */
				inval_epoch++;
				evict = 1
			:: else
			fi;
			inv_sb_unlock = 1		/* write_unlock_irq (buffered) */
		}
#ifndef MUT_NO_KICK
		if
		:: evict ->
			/* kvm_make_vcpus_request_mask(KVM_REQ_OUTSIDE_GUEST_MODE) */
#ifdef MUT_INV_NO_MB
			m = mode;	/* READ_ONCE(vcpu->mode), store buffer not drained */
#else
			/* kvm_vcpu_exiting_guest_mode(): smp_mb__before_atomic();
			   cmpxchg(&vcpu->mode, IN_GUEST_MODE, EXITING_GUEST_MODE) */
			atomic {
				!inv_sb_valid && !inv_sb_unlock ->
				m = mode;
				if
				:: m == IN_GUEST_MODE -> mode = EXITING_GUEST_MODE
				:: else
				fi
			}
#endif
			if
			:: m != OUTSIDE_GUEST_MODE ->	/* KVM_REQUEST_WAIT: IPI */
				atomic {
					if
					:: irqs_on -> owed_epoch = inval_epoch	/* taken at once */
					:: else -> ipi = 1; ipi_epoch = inval_epoch
					fi
				}
#ifndef MUT_NO_WAIT
				(ipi == 0)	/* smp_call_function_many(wait) */
#endif
			:: else
			fi
		:: else
		fi;
#endif
		/* kvm_handle_hva_range() takes mmu_lock: drains the buffer */
		(!inv_sb_valid && !inv_sb_unlock);
		/* the primary MMU replaces or unmaps the page and frees it */
		atomic {
			old = hva_pfn[h];
			if
			:: hva_pfn[h] = next_pfn; next_pfn++	/* migration, swap, ... */
			:: hva_pfn[h] = PFN_ERR			/* munmap */
			fi;
			freed[old] = 1;
			P1(!(in_l2 && vmcs02_pfn == old))
		}
		/* kvm_mmu_notifier_invalidate_range_end() */
		mmu_seq++;
		atomic { mn_count--; h = 0; old = 0; m = 0; evict = 0 }
	:: else -> break
	od
}

/* KVM_SET_USER_MEMORY_REGION on the slot holding the cached GPA: move or delete */
proctype memslot()
{
	do
	:: n_slot < MAX_SLOT ->
		n_slot++;
		atomic {
			if
			:: slot_hva != HVA_ERR -> slot_hva = 1 - slot_hva	/* move */
			:: slot_hva = HVA_ERR					/* delete */
			fi;
			slot_gen++
		}
	:: else -> break
	od
}

init
{
	atomic {
		hva_pfn[0] = 1;
		hva_pfn[1] = 2;
		run vcpu();
		run vcpu_store_buffer();
		run mmu_notifier();
		run notifier_store_buffer();
		run memslot()
	}
}
