/*
 * Promela model of the eVMCS cache of patch 12 of the 7.2 series
 * (kernel-patches/7.2/0012-KVM-nVMX-Cache-the-enlightened-VMCS-in-the-nested-co.patch):
 * a Hyper-V L1's enlightened VMCS is kept in a pfncache of the current
 * nested context (evmcs_cache) that is NOT bound to the vCPU, so an
 * invalidation by the MMU notifier does not kick it.  Instead every access
 * by KVM goes through nested_evmcs_lock(vcpu, can_sleep): under
 * gpc->lock, kvm_gpc_check(), else (if it may sleep) kvm_gpc_refresh()
 * and check again.  The one access that may not sleep, the copy of vmcs12
 * to the eVMCS in vmx_prepare_switch_to_guest() before L1 runs, keeps the
 * copy pending (need_vmcs12_to_shadow_sync) and requests
 * KVM_REQ_GET_NESTED_STATE_PAGES when the cache is invalid; the request
 * cancels that entry (kvm_vcpu_exit_request()), and its handler is meant
 * to refresh the cache so that the next entry does the copy.
 *
 * Like contexts.pml the model is sequentially consistent: a step under
 * gpc->lock is one atomic step (so the lock itself is implicit), and a
 * refresh is one atomic step taken while no invalidation is in progress,
 * which is what hva_to_pfn_retry() guarantees for the pfn it commits.
 * There is one vCPU, one eVMCS (one context: contexts.pml covers the
 * switches between contexts) and its one page; the notifier migrates or
 * unmaps that page at most MAX_INVAL times.  The cache is unbound, so
 * there is no kick, no IN_GUEST_MODE ordering and no pre-entry check of
 * it (model.pml covers those for the bound caches).
 *
 * See docs/model.md ("The eVMCS cache (patch 12)") for the map from every
 * process/variable to the kernel code, the properties, the mutants and
 * the finding.
 *
 * The default is patch 12 as fixed on 2026-12-08: the request handler,
 * vmx_get_nested_state_pages(), calls nested_get_evmcs_page() first,
 * which refreshes the eVMCS cache (nested_evmcs_lock(vcpu, true)/unlock)
 * and fails the request (KVM_EXIT_INTERNAL_ERROR, request re-armed) if
 * the refresh fails.
 * Mutants (compile with spin -DMUT_xxx):
 *   MUT_EV_EARLY_RETURN   the first version of patch 12, which this model
 *                         found livelocking: the handler returns early
 *                         while !need_all_state_pages (!is_guest_mode(vcpu)
 *                         || the cached pages), before
 *                         nested_get_evmcs_page(), so the request that the
 *                         copy makes on -EAGAIN refreshes nothing
 *   MUT_EV_SYNC_NO_CHECK  the copy to the eVMCS writes through gpc->khva
 *                         without kvm_gpc_check() (trusts the cache)
 *   MUT_EV_SKIP_SYNC      on -EAGAIN the copy is dropped
 *                         (need_vmcs12_to_shadow_sync cleared, no request)
 *                         and the entry goes on
 *   MUT_EV_NO_REQUEST     on -EAGAIN the copy stays pending and the entry
 *                         is cancelled, but without
 *                         KVM_REQ_GET_NESTED_STATE_PAGES (as if another
 *                         request, whose handler does not touch the eVMCS,
 *                         cancelled it): nothing refreshes the cache
 */

/*
 * Properties.  Each run checks one of them (the others compile away):
 *   P9   no stale access: whenever KVM reads or writes the eVMCS through
 *        the cache (gpc->khva), the cache's pfn is the current pfn of the
 *        eVMCS page: asserted at every access;
 *   P10  L1 never runs with the copy of vmcs12 to the eVMCS pending: a
 *        ghost flag (copy_owed) is set when KVM makes vmcs12 newer than
 *        the eVMCS and cleared only by copy_vmcs12_to_enlightened();
 *        asserted at every VM-entry into L1;
 *   P11  liveness: every cycle of the vCPU loop runs L1 or L2 or returns
 *        to userspace; checked with pan -l (non-progress cycles).
 */
#ifdef CHECK_P9
#define P9(c)	assert(c)
#else
#define P9(c)	skip
#endif
#ifdef CHECK_P10
#define P10(c)	assert(c)
#else
#define P10(c)	skip
#endif

#define PFN_ERR		0	/* KVM_PFN_ERR_FAULT / unmapped */

#ifndef MAX_INVAL
#define MAX_INVAL	3	/* MMU-notifier invalidations per run */
#endif

/* ---- vmx->nested.gpcs->evmcs_cache: kvm_gpc_init(), not bound ---- */
bool gpc_active;
bool gpc_valid;
byte gpc_pfn = PFN_ERR;

/* ---- struct nested_vmx, struct kvm_vcpu ---- */
bool evmptr_valid;		/* nested_vmx_is_evmptr12_valid() */
bool guest_mode;		/* is_guest_mode(vcpu) */
bool need_sync;			/* vmx->nested.need_vmcs12_to_shadow_sync */
bool req_gnsp;			/* KVM_REQ_GET_NESTED_STATE_PAGES */
#ifdef MUT_EV_NO_REQUEST
bool cancel;			/* another request that cancels the entry */
#endif
bool copy_owed;			/* ghost (P10): vmcs12 is newer than the eVMCS */

/* ---- the host mm ---- */
byte hva_pfn = 1;		/* what hva_to_pfn() returns for the eVMCS page */
byte next_pfn = 2;
byte mn_count;			/* kvm->mn_active_invalidate_count */
byte n_inval;

/* ================= vCPU side ================= */

/*
 * kvm_gpc_activate() / kvm_gpc_refresh(): hva_to_pfn_retry() commits a
 * pfn only when no invalidation started or ended since it looked the page
 * up, i.e. the page's current pfn; one atomic step while no invalidation
 * is in progress.  On -EFAULT (the page is unmapped) the cache stays
 * active and invalid; err is set.
 */
inline gpc_refresh()
{
	atomic {
		mn_count == 0 ->
		gpc_active = 1;
		gpc_pfn = hva_pfn;
		gpc_valid = (gpc_pfn != PFN_ERR);
		err = !gpc_valid
	}
}

/* kvm_gpc_deactivate() */
inline gpc_deactivate()
{
	atomic { gpc_active = 0; gpc_valid = 0; gpc_pfn = PFN_ERR }
}

/*
 * nested_evmcs_lock(vcpu, can_sleep = true), the access through
 * nested_vmx_evmcs() (gpc->khva) if it returned 0, and
 * nested_evmcs_unlock().  read_lock(&gpc->lock); while
 * !kvm_gpc_check(): read_unlock, kvm_gpc_refresh(), read_lock, return
 * the error if it failed.  The callers test
 * nested_vmx_is_evmptr12_valid() first, and a valid eVMCS pointer implies
 * an active cache here (only a failed enlightened VMPTRLD deactivates it,
 * and it releases the pointer), so -ENOENT does not happen.  Sets err if
 * the refresh failed (no access then).
 */
inline evmcs_lock_sleep()
{
	do
	:: done -> atomic { done = 0; ok = 0 }; break
	:: else ->
		atomic {
			assert(evmptr_valid && gpc_active);
			ok = gpc_valid;			/* kvm_gpc_check() */
			if
			:: ok ->
				P9(gpc_pfn == hva_pfn);	/* access through khva */
				done = 1
			:: else
			fi
		}
		if
		:: !done ->
			gpc_refresh();			/* kvm_gpc_refresh() */
			if
			:: err -> done = 1		/* return err */
			:: else				/* check again */
			fi
		:: else
		fi
	od
}

proctype vcpu()
{
	bool err, ok, done;

	/* L1 runs with enlightened VM-Entry enabled; no eVMCS loaded yet */
	goto l1_runs;

loop:	/* vcpu_enter_guest() */
	if
	:: req_gnsp ->
		/* kvm_check_request(KVM_REQ_GET_NESTED_STATE_PAGES) ->
		   vmx_get_nested_state_pages(); need_all_state_pages is false
		   (only KVM_SET_NESTED_STATE and RSM set it) */
		req_gnsp = 0;
#ifndef MUT_EV_EARLY_RETURN
		/* refresh the eVMCS cache (nested_evmcs_lock(vcpu, true)) */
		evmcs_lock_sleep();
		if
		:: err ->
			/* KVM_EXIT_INTERNAL_ERROR, the request re-armed */
			atomic { err = 0; req_gnsp = 1 };
			goto userspace
		:: else
		fi
#else
		/* return !is_guest_mode(vcpu) || ...: true in L1, without
		   reaching nested_get_evmcs_page() */
		skip
#endif
	:: else
	fi;

	/* preempt_disable(); vmx_prepare_switch_to_guest() */
	if
	:: need_sync ->
		/* nested_sync_vmcs12_to_shadow() ->
		   nested_evmcs_lock(vcpu, can_sleep = false) */
		atomic {
			assert(evmptr_valid && gpc_active);
#ifdef MUT_EV_SYNC_NO_CHECK
			if
			:: true ->
#else
			if
			:: gpc_valid ->			/* kvm_gpc_check() */
#endif
				/* copy_vmcs12_to_enlightened() */
				P9(gpc_pfn == hva_pfn);
				copy_owed = 0;
				need_sync = 0
			:: else ->			/* -EAGAIN */
#if defined(MUT_EV_SKIP_SYNC)
				need_sync = 0
#elif defined(MUT_EV_NO_REQUEST)
				cancel = 1
#else
				req_gnsp = 1
#endif
			fi
		}
	:: else
	fi;

	/* local_irq_disable(), IN_GUEST_MODE, kvm_vcpu_exit_request():
	   kvm_request_pending() */
#ifdef MUT_EV_NO_REQUEST
	if
	:: req_gnsp || cancel ->
		cancel = 0;
		goto loop			/* cancel_injection, r = 1 */
	:: else
	fi;
#else
	if
	:: req_gnsp -> goto loop		/* cancel_injection, r = 1 */
	:: else
	fi;
#endif

	/* VMLAUNCH/VMRESUME of vmcs02 (L2) or vmcs01 (L1) */
	if
	:: guest_mode -> goto l2_runs
	:: else
	fi;

l1_runs:
	P10(!copy_owed);
progress_l1:
	/* L1 runs until an exit */
	if
	:: skip					/* L0 handles it, L1 resumes */
	:: evmptr_valid ->
		/* VMREAD: handle_vmread() -> evmcs_read_any() under
		   nested_evmcs_lock(vcpu, true); VMfailInvalid if it fails */
		evmcs_lock_sleep();
		err = 0
	:: goto nested_vmentry			/* VMLAUNCH/VMRESUME */
	:: goto userspace			/* e.g. an I/O exit */
	fi;
	goto loop;

l2_runs:
progress_l2:
	/* L2 runs until an exit */
	if
	:: skip					/* L0 handles it, L2 resumes */
	:: atomic {				/* nested_vmx_vmexit() */
		guest_mode = 0;
		need_sync = 1;
		copy_owed = 1
	   }
	fi;
	goto loop;

nested_vmentry:	/* nested_vmx_run() */
	/* nested_vmx_handle_enlightened_vmptrld(): nested_gpc_lock() on the
	   eVMCS page (activate or refresh until kvm_gpc_check()), then the
	   revision check and hv_clean_fields &= ~ALL; on error
	   kvm_gpc_deactivate() and nested_release_evmcs() */
	do
	:: done -> atomic { done = 0; ok = 0 }; break
	:: else ->
		atomic {
			ok = gpc_active && gpc_valid;
			if
			:: ok ->
				P9(gpc_pfn == hva_pfn);
				evmptr_valid = 1;	/* hv_evmcs_vmptr = evmcs_gpa */
				done = 1
			:: else
			fi
		}
		if
		:: !done ->
			gpc_refresh();			/* kvm_gpc_activate() */
			if
			:: err ->
				gpc_deactivate();
				evmptr_valid = 0;	/* nested_release_evmcs() */
				done = 1
			:: else
			fi
		:: else
		fi
	od;
	if
	:: err ->				/* EVMPTRLD_ERROR: #UD */
		err = 0;
		goto loop
	:: else
	fi;
	/* copy_enlightened_to_vmcs12(vmx, evmcs->hv_clean_fields) */
	evmcs_lock_sleep();
	if
	:: err ->				/* #UD */
		err = 0;
		goto loop
	:: else
	fi;
	if
	:: skip
	:: atomic {				/* a consistency check fails:
						   nested_vmx_fail() (VMfailValid)
						   sets need_vmcs12_to_shadow_sync */
		need_sync = 1;
		copy_owed = 1
	   };
		goto loop
	fi;
	/* nested_vmx_enter_non_root_mode() -> prepare_vmcs02():
	   nested_evmcs_clean_fields() (0 if the lock fails) */
	evmcs_lock_sleep();
	err = 0;
	/* nested_evmcs_mark_all_clean() (skipped if the lock fails) */
	evmcs_lock_sleep();
	err = 0;
	guest_mode = 1;
	goto loop;

userspace:
progress_userspace:
	/* KVM_RUN returned; userspace may call KVM_GET_NESTED_STATE, which
	   copies the eVMCS to vmcs12 (nested_vmx_copy_evmcs_for_get_state())
	   in L1 when no copy to the eVMCS is pending; -EFAULT if it fails */
	if
	:: !guest_mode && !need_sync && evmptr_valid ->
		evmcs_lock_sleep();
		err = 0
	:: skip
	fi;
	goto loop
}

/* ================= MMU-notifier side ================= */

/*
 * kvm_mmu_notifier_invalidate_range_start() (count++),
 * gfn_to_pfn_cache_invalidate_start() (valid = false under
 * write_lock_irq(&gpc->lock); the cache is not bound to a vCPU, so nobody
 * is kicked), the primary MMU migrating the page to a new pfn or
 * unmapping it (the old pfn may then be freed), invalidate_range_end()
 * (count--).
 */
proctype mmu_notifier()
{
	do
	:: n_inval < MAX_INVAL && hva_pfn != PFN_ERR ->
		atomic { n_inval++; mn_count++ }
		atomic {
			if
			:: gpc_valid && gpc_pfn != PFN_ERR -> gpc_valid = 0
			:: else
			fi
		}
		atomic {
			if
			:: hva_pfn = next_pfn; next_pfn++	/* migration */
			:: hva_pfn = PFN_ERR			/* munmap */
			fi
		}
		mn_count--
	:: else -> break
	od
}

init
{
	atomic {
		run vcpu();
		run mmu_notifier()
	}
}
