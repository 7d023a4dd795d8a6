#define rand	pan_rand
#define pthread_equal(a,b)	((a)==(b))
#if defined(HAS_CODE) && defined(VERBOSE)
	#ifdef BFS_PAR
		bfs_printf("Pr: %d Tr: %d\n", II, t->forw);
	#else
		cpu_printf("Pr: %d Tr: %d\n", II, t->forw);
	#endif
#endif
	switch (t->forw) {
	default: Uerror("bad forward move");
	case 0:	/* if without executable clauses */
		continue;
	case 1: /* generic 'goto' or 'skip' */
		IfNotBlocked
		_m = 3; goto P999;
	case 2: /* generic 'else' */
		IfNotBlocked
		if (trpt->o_pm&1) continue;
		_m = 3; goto P999;

		 /* PROC :init: */
	case 3: // STATE 1 - model.pml:447 - [hva_pfn[0] = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[5][1] = 1;
		(trpt+1)->bup.oval = ((int)now.hva_pfn[0]);
		now.hva_pfn[0] = 1;
#ifdef VAR_RANGES
		logval("hva_pfn[0]", ((int)now.hva_pfn[0]));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 4: // STATE 2 - model.pml:448 - [hva_pfn[1] = 2] (0:0:1 - 1)
		IfNotBlocked
		reached[5][2] = 1;
		(trpt+1)->bup.oval = ((int)now.hva_pfn[1]);
		now.hva_pfn[1] = 2;
#ifdef VAR_RANGES
		logval("hva_pfn[1]", ((int)now.hva_pfn[1]));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 5: // STATE 3 - model.pml:449 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[5][3] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC memslot */
	case 6: // STATE 1 - model.pml:432 - [((n_slot<1))] (0:0:0 - 1)
		IfNotBlocked
		reached[4][1] = 1;
		if (!((((int)now.n_slot)<1)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 7: // STATE 2 - model.pml:433 - [n_slot = (n_slot+1)] (0:0:1 - 1)
		IfNotBlocked
		reached[4][2] = 1;
		(trpt+1)->bup.oval = ((int)now.n_slot);
		now.n_slot = (((int)now.n_slot)+1);
#ifdef VAR_RANGES
		logval("n_slot", ((int)now.n_slot));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 8: // STATE 3 - model.pml:436 - [((slot_hva!=2))] (12:0:2 - 1)
		IfNotBlocked
		reached[4][3] = 1;
		if (!((((int)now.slot_hva)!=2)))
			continue;
		/* merge: slot_hva = (1-slot_hva)(12, 4, 12) */
		reached[4][4] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.slot_hva);
		now.slot_hva = (1-((int)now.slot_hva));
#ifdef VAR_RANGES
		logval("slot_hva", ((int)now.slot_hva));
#endif
		;
		/* merge: .(goto)(12, 7, 12) */
		reached[4][7] = 1;
		;
		/* merge: slot_gen = (slot_gen+1)(12, 8, 12) */
		reached[4][8] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.slot_gen);
		now.slot_gen = (((int)now.slot_gen)+1);
#ifdef VAR_RANGES
		logval("slot_gen", ((int)now.slot_gen));
#endif
		;
		/* merge: .(goto)(0, 13, 12) */
		reached[4][13] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 9: // STATE 7 - model.pml:439 - [.(goto)] (0:12:1 - 2)
		IfNotBlocked
		reached[4][7] = 1;
		;
		/* merge: slot_gen = (slot_gen+1)(12, 8, 12) */
		reached[4][8] = 1;
		(trpt+1)->bup.oval = ((int)now.slot_gen);
		now.slot_gen = (((int)now.slot_gen)+1);
#ifdef VAR_RANGES
		logval("slot_gen", ((int)now.slot_gen));
#endif
		;
		/* merge: .(goto)(0, 13, 12) */
		reached[4][13] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 10: // STATE 5 - model.pml:437 - [slot_hva = 2] (0:12:2 - 1)
		IfNotBlocked
		reached[4][5] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.slot_hva);
		now.slot_hva = 2;
#ifdef VAR_RANGES
		logval("slot_hva", ((int)now.slot_hva));
#endif
		;
		/* merge: .(goto)(12, 7, 12) */
		reached[4][7] = 1;
		;
		/* merge: slot_gen = (slot_gen+1)(12, 8, 12) */
		reached[4][8] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.slot_gen);
		now.slot_gen = (((int)now.slot_gen)+1);
#ifdef VAR_RANGES
		logval("slot_gen", ((int)now.slot_gen));
#endif
		;
		/* merge: .(goto)(0, 13, 12) */
		reached[4][13] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 11: // STATE 15 - model.pml:443 - [-end-] (0:0:0 - 3)
		IfNotBlocked
		reached[4][15] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC mmu_notifier */
	case 12: // STATE 1 - model.pml:355 - [(((n_inval<2)&&((hva_pfn[0]!=0)||(hva_pfn[1]!=0))))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][1] = 1;
		if (!(((((int)now.n_inval)<2)&&((((int)now.hva_pfn[0])!=0)||(((int)now.hva_pfn[1])!=0)))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 13: // STATE 2 - model.pml:356 - [n_inval = (n_inval+1)] (0:0:1 - 1)
		IfNotBlocked
		reached[3][2] = 1;
		(trpt+1)->bup.oval = ((int)now.n_inval);
		now.n_inval = (((int)now.n_inval)+1);
#ifdef VAR_RANGES
		logval("n_inval", ((int)now.n_inval));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 14: // STATE 3 - model.pml:358 - [((hva_pfn[0]!=0))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][3] = 1;
		if (!((((int)now.hva_pfn[0])!=0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 15: // STATE 4 - model.pml:358 - [h = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[3][4] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->h);
		((P3 *)_this)->h = 0;
#ifdef VAR_RANGES
		logval("mmu_notifier:h", ((int)((P3 *)_this)->h));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 16: // STATE 5 - model.pml:359 - [((hva_pfn[1]!=0))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][5] = 1;
		if (!((((int)now.hva_pfn[1])!=0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 17: // STATE 6 - model.pml:359 - [h = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[3][6] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->h);
		((P3 *)_this)->h = 1;
#ifdef VAR_RANGES
		logval("mmu_notifier:h", ((int)((P3 *)_this)->h));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 18: // STATE 9 - model.pml:361 - [mn_count = (mn_count+1)] (0:0:1 - 3)
		IfNotBlocked
		reached[3][9] = 1;
		(trpt+1)->bup.oval = ((int)now.mn_count);
		now.mn_count = (((int)now.mn_count)+1);
#ifdef VAR_RANGES
		logval("mn_count", ((int)now.mn_count));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 19: // STATE 10 - model.pml:363 - [evict = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[3][10] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->evict);
		((P3 *)_this)->evict = 0;
#ifdef VAR_RANGES
		logval("mmu_notifier:evict", ((int)((P3 *)_this)->evict));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 20: // STATE 11 - model.pml:365 - [((!(gpc_lock)&&!(inv_sb_unlock)))] (17:0:1 - 1)
		IfNotBlocked
		reached[3][11] = 1;
		if (!(( !(((int)now.gpc_lock))&& !(((int)now.inv_sb_unlock)))))
			continue;
		/* merge: gpc_lock = 1(0, 12, 17) */
		reached[3][12] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 21: // STATE 13 - model.pml:367 - [(((gpc_valid&&(gpc_pfn!=0))&&(gpc_uhva==h)))] (43:0:3 - 1)
		IfNotBlocked
		reached[3][13] = 1;
		if (!(((((int)now.gpc_valid)&&(((int)now.gpc_pfn)!=0))&&(((int)now.gpc_uhva)==((int)((P3 *)_this)->h)))))
			continue;
		/* merge: inv_sb_valid = 1(43, 14, 43) */
		reached[3][14] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.inv_sb_valid);
		now.inv_sb_valid = 1;
#ifdef VAR_RANGES
		logval("inv_sb_valid", ((int)now.inv_sb_valid));
#endif
		;
		/* merge: evict = 1(43, 15, 43) */
		reached[3][15] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P3 *)_this)->evict);
		((P3 *)_this)->evict = 1;
#ifdef VAR_RANGES
		logval("mmu_notifier:evict", ((int)((P3 *)_this)->evict));
#endif
		;
		/* merge: .(goto)(43, 18, 43) */
		reached[3][18] = 1;
		;
		/* merge: inv_sb_unlock = 1(43, 19, 43) */
		reached[3][19] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.inv_sb_unlock);
		now.inv_sb_unlock = 1;
#ifdef VAR_RANGES
		logval("inv_sb_unlock", ((int)now.inv_sb_unlock));
#endif
		;
		_m = 3; goto P999; /* 4 */
	case 22: // STATE 18 - model.pml:372 - [.(goto)] (0:43:1 - 2)
		IfNotBlocked
		reached[3][18] = 1;
		;
		/* merge: inv_sb_unlock = 1(43, 19, 43) */
		reached[3][19] = 1;
		(trpt+1)->bup.oval = ((int)now.inv_sb_unlock);
		now.inv_sb_unlock = 1;
#ifdef VAR_RANGES
		logval("inv_sb_unlock", ((int)now.inv_sb_unlock));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 23: // STATE 21 - model.pml:376 - [(evict)] (0:0:1 - 1)
		IfNotBlocked
		reached[3][21] = 1;
		if (!(((int)((P3 *)_this)->evict)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: evict */  (trpt+1)->bup.oval = ((P3 *)_this)->evict;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P3 *)_this)->evict = 0;
		_m = 3; goto P999; /* 0 */
	case 24: // STATE 22 - model.pml:384 - [((!(inv_sb_valid)&&!(inv_sb_unlock)))] (27:0:1 - 1)
		IfNotBlocked
		reached[3][22] = 1;
		if (!(( !(((int)now.inv_sb_valid))&& !(((int)now.inv_sb_unlock)))))
			continue;
		/* merge: m = mode(0, 23, 27) */
		reached[3][23] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->m);
		((P3 *)_this)->m = ((int)now.mode);
#ifdef VAR_RANGES
		logval("mmu_notifier:m", ((int)((P3 *)_this)->m));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 25: // STATE 24 - model.pml:387 - [((m==1))] (40:0:1 - 1)
		IfNotBlocked
		reached[3][24] = 1;
		if (!((((int)((P3 *)_this)->m)==1)))
			continue;
		/* merge: mode = 2(40, 25, 40) */
		reached[3][25] = 1;
		(trpt+1)->bup.oval = ((int)now.mode);
		now.mode = 2;
#ifdef VAR_RANGES
		logval("mode", ((int)now.mode));
#endif
		;
		/* merge: .(goto)(40, 28, 40) */
		reached[3][28] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 26: // STATE 28 - model.pml:390 - [.(goto)] (0:40:0 - 2)
		IfNotBlocked
		reached[3][28] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 27: // STATE 30 - model.pml:393 - [((m!=0))] (0:0:1 - 1)
		IfNotBlocked
		reached[3][30] = 1;
		if (!((((int)((P3 *)_this)->m)!=0)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: m */  (trpt+1)->bup.oval = ((P3 *)_this)->m;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P3 *)_this)->m = 0;
		_m = 3; goto P999; /* 0 */
	case 28: // STATE 31 - model.pml:396 - [(irqs_on)] (38:0:1 - 1)
		IfNotBlocked
		reached[3][31] = 1;
		if (!(((int)now.irqs_on)))
			continue;
		/* merge: reload_owed = 1(38, 32, 38) */
		reached[3][32] = 1;
		(trpt+1)->bup.oval = ((int)now.reload_owed);
		now.reload_owed = 1;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: .(goto)(38, 36, 38) */
		reached[3][36] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 29: // STATE 36 - model.pml:399 - [.(goto)] (0:38:0 - 2)
		IfNotBlocked
		reached[3][36] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 30: // STATE 34 - model.pml:397 - [ipi = 1] (0:38:1 - 1)
		IfNotBlocked
		reached[3][34] = 1;
		(trpt+1)->bup.oval = ((int)now.ipi);
		now.ipi = 1;
#ifdef VAR_RANGES
		logval("ipi", ((int)now.ipi));
#endif
		;
		/* merge: .(goto)(38, 36, 38) */
		reached[3][36] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 31: // STATE 38 - model.pml:401 - [((ipi==0))] (0:0:0 - 1)
		IfNotBlocked
		reached[3][38] = 1;
		if (!((((int)now.ipi)==0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 32: // STATE 45 - model.pml:409 - [((!(inv_sb_valid)&&!(inv_sb_unlock)))] (0:0:0 - 5)
		IfNotBlocked
		reached[3][45] = 1;
		if (!(( !(((int)now.inv_sb_valid))&& !(((int)now.inv_sb_unlock)))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 33: // STATE 46 - model.pml:412 - [old = hva_pfn[h]] (0:0:1 - 1)
		IfNotBlocked
		reached[3][46] = 1;
		(trpt+1)->bup.oval = ((int)((P3 *)_this)->old);
		((P3 *)_this)->old = ((int)now.hva_pfn[ Index(((int)((P3 *)_this)->h), 2) ]);
#ifdef VAR_RANGES
		logval("mmu_notifier:old", ((int)((P3 *)_this)->old));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 34: // STATE 47 - model.pml:414 - [hva_pfn[h] = next_pfn] (0:55:3 - 1)
		IfNotBlocked
		reached[3][47] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.hva_pfn[ Index(((int)((P3 *)_this)->h), 2) ]);
		now.hva_pfn[ Index(((P3 *)_this)->h, 2) ] = ((int)now.next_pfn);
#ifdef VAR_RANGES
		logval("hva_pfn[mmu_notifier:h]", ((int)now.hva_pfn[ Index(((int)((P3 *)_this)->h), 2) ]));
#endif
		;
		/* merge: next_pfn = (next_pfn+1)(55, 48, 55) */
		reached[3][48] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.next_pfn);
		now.next_pfn = (((int)now.next_pfn)+1);
#ifdef VAR_RANGES
		logval("next_pfn", ((int)now.next_pfn));
#endif
		;
		/* merge: .(goto)(55, 51, 55) */
		reached[3][51] = 1;
		;
		/* merge: freed[old] = 1(55, 52, 55) */
		reached[3][52] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.freed[ Index(((int)((P3 *)_this)->old), 6) ]);
		now.freed[ Index(((P3 *)_this)->old, 6) ] = 1;
#ifdef VAR_RANGES
		logval("freed[mmu_notifier:old]", ((int)now.freed[ Index(((int)((P3 *)_this)->old), 6) ]));
#endif
		;
		/* merge: assert(!((in_l2&&(vmcs02_pfn==old))))(55, 53, 55) */
		reached[3][53] = 1;
		spin_assert( !((((int)now.in_l2)&&(((int)now.vmcs02_pfn)==((int)((P3 *)_this)->old)))), " !((in_l2&&(vmcs02_pfn==old)))", II, tt, t);
		_m = 3; goto P999; /* 4 */
	case 35: // STATE 49 - model.pml:415 - [hva_pfn[h] = 0] (0:55:2 - 1)
		IfNotBlocked
		reached[3][49] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.hva_pfn[ Index(((int)((P3 *)_this)->h), 2) ]);
		now.hva_pfn[ Index(((P3 *)_this)->h, 2) ] = 0;
#ifdef VAR_RANGES
		logval("hva_pfn[mmu_notifier:h]", ((int)now.hva_pfn[ Index(((int)((P3 *)_this)->h), 2) ]));
#endif
		;
		/* merge: .(goto)(55, 51, 55) */
		reached[3][51] = 1;
		;
		/* merge: freed[old] = 1(55, 52, 55) */
		reached[3][52] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.freed[ Index(((int)((P3 *)_this)->old), 6) ]);
		now.freed[ Index(((P3 *)_this)->old, 6) ] = 1;
#ifdef VAR_RANGES
		logval("freed[mmu_notifier:old]", ((int)now.freed[ Index(((int)((P3 *)_this)->old), 6) ]));
#endif
		;
		/* merge: assert(!((in_l2&&(vmcs02_pfn==old))))(55, 53, 55) */
		reached[3][53] = 1;
		spin_assert( !((((int)now.in_l2)&&(((int)now.vmcs02_pfn)==((int)((P3 *)_this)->old)))), " !((in_l2&&(vmcs02_pfn==old)))", II, tt, t);
		_m = 3; goto P999; /* 3 */
	case 36: // STATE 52 - model.pml:417 - [freed[old] = 1] (0:55:1 - 3)
		IfNotBlocked
		reached[3][52] = 1;
		(trpt+1)->bup.oval = ((int)now.freed[ Index(((int)((P3 *)_this)->old), 6) ]);
		now.freed[ Index(((P3 *)_this)->old, 6) ] = 1;
#ifdef VAR_RANGES
		logval("freed[mmu_notifier:old]", ((int)now.freed[ Index(((int)((P3 *)_this)->old), 6) ]));
#endif
		;
		/* merge: assert(!((in_l2&&(vmcs02_pfn==old))))(55, 53, 55) */
		reached[3][53] = 1;
		spin_assert( !((((int)now.in_l2)&&(((int)now.vmcs02_pfn)==((int)((P3 *)_this)->old)))), " !((in_l2&&(vmcs02_pfn==old)))", II, tt, t);
		_m = 3; goto P999; /* 1 */
	case 37: // STATE 55 - model.pml:422 - [mmu_seq = (mmu_seq+1)] (0:0:1 - 1)
		IfNotBlocked
		reached[3][55] = 1;
		(trpt+1)->bup.oval = ((int)now.mmu_seq);
		now.mmu_seq = (((int)now.mmu_seq)+1);
#ifdef VAR_RANGES
		logval("mmu_seq", ((int)now.mmu_seq));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 38: // STATE 56 - model.pml:423 - [mn_count = (mn_count-1)] (0:0:1 - 1)
		IfNotBlocked
		reached[3][56] = 1;
		(trpt+1)->bup.oval = ((int)now.mn_count);
		now.mn_count = (((int)now.mn_count)-1);
#ifdef VAR_RANGES
		logval("mn_count", ((int)now.mn_count));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 39: // STATE 62 - model.pml:426 - [-end-] (0:0:0 - 3)
		IfNotBlocked
		reached[3][62] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC notifier_store_buffer */
	case 40: // STATE 1 - model.pml:338 - [(inv_sb_valid)] (9:0:2 - 1)
		IfNotBlocked
		reached[2][1] = 1;
		if (!(((int)now.inv_sb_valid)))
			continue;
		/* merge: gpc_valid = 0(9, 2, 9) */
		reached[2][2] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		/* merge: inv_sb_valid = 0(9, 3, 9) */
		reached[2][3] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.inv_sb_valid);
		now.inv_sb_valid = 0;
#ifdef VAR_RANGES
		logval("inv_sb_valid", ((int)now.inv_sb_valid));
#endif
		;
		/* merge: .(goto)(0, 10, 9) */
		reached[2][10] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 41: // STATE 5 - model.pml:339 - [((!(inv_sb_valid)&&inv_sb_unlock))] (9:0:2 - 1)
		IfNotBlocked
		reached[2][5] = 1;
		if (!(( !(((int)now.inv_sb_valid))&&((int)now.inv_sb_unlock))))
			continue;
		/* merge: gpc_lock = 0(9, 6, 9) */
		reached[2][6] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: inv_sb_unlock = 0(9, 7, 9) */
		reached[2][7] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.inv_sb_unlock);
		now.inv_sb_unlock = 0;
#ifdef VAR_RANGES
		logval("inv_sb_unlock", ((int)now.inv_sb_unlock));
#endif
		;
		/* merge: .(goto)(0, 10, 9) */
		reached[2][10] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 42: // STATE 12 - model.pml:341 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[2][12] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC vcpu_store_buffer */
	case 43: // STATE 1 - model.pml:328 - [((mode_sb!=255))] (5:0:2 - 1)
		IfNotBlocked
		reached[1][1] = 1;
		if (!((((int)now.mode_sb)!=255)))
			continue;
		/* merge: mode = mode_sb(5, 2, 5) */
		reached[1][2] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.mode);
		now.mode = ((int)now.mode_sb);
#ifdef VAR_RANGES
		logval("mode", ((int)now.mode));
#endif
		;
		/* merge: mode_sb = 255(5, 3, 5) */
		reached[1][3] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.mode_sb);
		now.mode_sb = 255;
#ifdef VAR_RANGES
		logval("mode_sb", ((int)now.mode_sb));
#endif
		;
		/* merge: .(goto)(0, 6, 5) */
		reached[1][6] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 44: // STATE 8 - model.pml:330 - [-end-] (0:0:0 - 1)
		IfNotBlocked
		reached[1][8] = 1;
		if (!delproc(1, II)) continue;
		_m = 3; goto P999; /* 0 */

		 /* PROC vcpu */
	case 45: // STATE 1 - model.pml:192 - [done = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][1] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 0;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 46: // STATE 2 - model.pml:194 - [(done)] (0:0:1 - 1)
		IfNotBlocked
		reached[0][2] = 1;
		if (!(((int)((P0 *)_this)->done)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: done */  (trpt+1)->bup.oval = ((P0 *)_this)->done;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->done = 0;
		_m = 3; goto P999; /* 0 */
	case 47: // STATE 5 - model.pml:197 - [(!(gpc_lock))] (15:0:2 - 1)
		IfNotBlocked
		reached[0][5] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(15, 6, 15) */
		reached[0][6] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: ok = (((gpc_active&&(gpc_gen==slot_gen))&&(gpc_uhva!=2))&&gpc_valid)(15, 7, 15) */
		reached[0][7] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->ok);
		((P0 *)_this)->ok = (((((int)now.gpc_active)&&(((int)now.gpc_gen)==((int)now.slot_gen)))&&(((int)now.gpc_uhva)!=2))&&((int)now.gpc_valid));
#ifdef VAR_RANGES
		logval("vcpu:ok", ((int)((P0 *)_this)->ok));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 48: // STATE 8 - model.pml:202 - [(ok)] (102:0:5 - 1)
		IfNotBlocked
		reached[0][8] = 1;
		if (!(((int)((P0 *)_this)->ok)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: ok */  (trpt+1)->bup.ovals = grab_ints(5);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->ok;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->ok = 0;
		/* merge: vmcs02_pfn = gpc_pfn(102, 9, 102) */
		reached[0][9] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.vmcs02_pfn);
		now.vmcs02_pfn = ((int)now.gpc_pfn);
#ifdef VAR_RANGES
		logval("vmcs02_pfn", ((int)now.vmcs02_pfn));
#endif
		;
		/* merge: reload_owed = 0(102, 10, 102) */
		reached[0][10] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.reload_owed);
		now.reload_owed = 0;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: gpc_lock = 0(102, 11, 102) */
		reached[0][11] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: done = 1(102, 12, 102) */
		reached[0][12] = 1;
		(trpt+1)->bup.ovals[4] = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 1;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		/* merge: .(goto)(102, 16, 102) */
		reached[0][16] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 49: // STATE 16 - model.pml:210 - [.(goto)] (0:102:0 - 2)
		IfNotBlocked
		reached[0][16] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 50: // STATE 14 - model.pml:208 - [gpc_lock = 0] (0:102:1 - 1)
		IfNotBlocked
		reached[0][14] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: .(goto)(102, 16, 102) */
		reached[0][16] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 51: // STATE 18 - model.pml:212 - [(!(done))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][18] = 1;
		if (!( !(((int)((P0 *)_this)->done))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 52: // STATE 19 - model.pml:120 - [err = 0] (0:26:2 - 1)
		IfNotBlocked
		reached[0][19] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = 0;
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: hvachange = 0(26, 20, 26) */
		reached[0][20] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->hvachange);
		((P0 *)_this)->hvachange = 0;
#ifdef VAR_RANGES
		logval("vcpu:hvachange", ((int)((P0 *)_this)->hvachange));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 53: // STATE 21 - model.pml:123 - [(!(gpc_active))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][21] = 1;
		if (!( !(((int)now.gpc_active))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 54: // STATE 22 - model.pml:124 - [(!(gpc_lock))] (38:0:1 - 1)
		IfNotBlocked
		reached[0][22] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_active = 1(0, 23, 38) */
		reached[0][23] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_active);
		now.gpc_active = 1;
#ifdef VAR_RANGES
		logval("gpc_active", ((int)now.gpc_active));
#endif
		;
		/* merge: .(goto)(0, 27, 38) */
		reached[0][27] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 55: // STATE 28 - model.pml:129 - [(!(gpc_lock))] (36:0:1 - 1)
		IfNotBlocked
		reached[0][28] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(0, 29, 36) */
		reached[0][29] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 56: // STATE 30 - model.pml:131 - [(((gpc_gen!=slot_gen)||(gpc_uhva==2)))] (76:0:4 - 1)
		IfNotBlocked
		reached[0][30] = 1;
		if (!(((((int)now.gpc_gen)!=((int)now.slot_gen))||(((int)now.gpc_uhva)==2))))
			continue;
		/* merge: gpc_gen = slot_gen(76, 31, 76) */
		reached[0][31] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_gen);
		now.gpc_gen = ((int)now.slot_gen);
#ifdef VAR_RANGES
		logval("gpc_gen", ((int)now.gpc_gen));
#endif
		;
		/* merge: hvachange = (gpc_uhva!=slot_hva)(76, 32, 76) */
		reached[0][32] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->hvachange);
		((P0 *)_this)->hvachange = (((int)now.gpc_uhva)!=((int)now.slot_hva));
#ifdef VAR_RANGES
		logval("vcpu:hvachange", ((int)((P0 *)_this)->hvachange));
#endif
		;
		/* merge: gpc_uhva = slot_hva(76, 33, 76) */
		reached[0][33] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_uhva);
		now.gpc_uhva = ((int)now.slot_hva);
#ifdef VAR_RANGES
		logval("gpc_uhva", ((int)now.gpc_uhva));
#endif
		;
		/* merge: err = (gpc_uhva==2)(76, 34, 76) */
		reached[0][34] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = (((int)now.gpc_uhva)==2);
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: .(goto)(76, 37, 76) */
		reached[0][37] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 57: // STATE 37 - model.pml:139 - [.(goto)] (0:76:0 - 2)
		IfNotBlocked
		reached[0][37] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 58: // STATE 39 - model.pml:141 - [((!(err)&&(!(gpc_valid)||hvachange)))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][39] = 1;
		if (!(( !(((int)((P0 *)_this)->err))&&( !(((int)now.gpc_valid))||((int)((P0 *)_this)->hvachange)))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: hvachange */  (trpt+1)->bup.oval = ((P0 *)_this)->hvachange;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->hvachange = 0;
		_m = 3; goto P999; /* 0 */
	case 59: // STATE 40 - model.pml:143 - [gpc_valid = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][40] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 60: // STATE 41 - model.pml:144 - [seq_snap = mmu_seq] (0:0:1 - 1)
		IfNotBlocked
		reached[0][41] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->seq_snap);
		((P0 *)_this)->seq_snap = ((int)now.mmu_seq);
#ifdef VAR_RANGES
		logval("vcpu:seq_snap", ((int)((P0 *)_this)->seq_snap));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 61: // STATE 42 - model.pml:145 - [gpc_lock = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][42] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 62: // STATE 43 - model.pml:147 - [newpfn = hva_pfn[gpc_uhva]] (0:0:1 - 1)
		IfNotBlocked
		reached[0][43] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->newpfn);
		((P0 *)_this)->newpfn = ((int)now.hva_pfn[ Index(((int)now.gpc_uhva), 2) ]);
#ifdef VAR_RANGES
		logval("vcpu:newpfn", ((int)((P0 *)_this)->newpfn));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 63: // STATE 44 - model.pml:149 - [((newpfn==0))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][44] = 1;
		if (!((((int)((P0 *)_this)->newpfn)==0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 64: // STATE 45 - model.pml:150 - [(!(gpc_lock))] (73:0:2 - 1)
		IfNotBlocked
		reached[0][45] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(73, 46, 73) */
		reached[0][46] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: err = 1(73, 48, 73) */
		reached[0][48] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = 1;
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: goto :b1(0, 49, 73) */
		reached[0][49] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 65: // STATE 53 - model.pml:156 - [(!(gpc_lock))] (64:0:2 - 1)
		IfNotBlocked
		reached[0][53] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(64, 54, 64) */
		reached[0][54] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: retry = ((mn_count!=0)||(mmu_seq!=seq_snap))(64, 55, 64) */
		reached[0][55] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->retry);
		((P0 *)_this)->retry = ((((int)now.mn_count)!=0)||(((int)now.mmu_seq)!=((int)((P0 *)_this)->seq_snap)));
#ifdef VAR_RANGES
		logval("vcpu:retry", ((int)((P0 *)_this)->retry));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 66: // STATE 57 - model.pml:160 - [(!(retry))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][57] = 1;
		if (!( !(((int)((P0 *)_this)->retry))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: retry */  (trpt+1)->bup.oval = ((P0 *)_this)->retry;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->retry = 0;
		_m = 3; goto P999; /* 0 */
	case 67: // STATE 60 - model.pml:162 - [gpc_lock = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][60] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 68: // STATE 61 - model.pml:168 - [((mn_count==0))] (66:0:1 - 1)
		IfNotBlocked
		reached[0][61] = 1;
		if (!((((int)now.mn_count)==0)))
			continue;
		/* merge: seq_snap = mmu_seq(0, 62, 66) */
		reached[0][62] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->seq_snap);
		((P0 *)_this)->seq_snap = ((int)now.mmu_seq);
#ifdef VAR_RANGES
		logval("vcpu:seq_snap", ((int)((P0 *)_this)->seq_snap));
#endif
		;
		/* merge: .(goto)(0, 65, 66) */
		reached[0][65] = 1;
		;
		/* merge: .(goto)(0, 67, 66) */
		reached[0][67] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 69: // STATE 69 - model.pml:172 - [(!(err))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][69] = 1;
		if (!( !(((int)((P0 *)_this)->err))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 70: // STATE 70 - model.pml:172 - [gpc_valid = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[0][70] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_valid);
		now.gpc_valid = 1;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 71: // STATE 71 - model.pml:172 - [gpc_pfn = newpfn] (0:0:1 - 1)
		IfNotBlocked
		reached[0][71] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_pfn);
		now.gpc_pfn = ((int)((P0 *)_this)->newpfn);
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 72: // STATE 78 - model.pml:179 - [(err)] (99:0:3 - 1)
		IfNotBlocked
		reached[0][78] = 1;
		if (!(((int)((P0 *)_this)->err)))
			continue;
		/* merge: gpc_valid = 0(99, 79, 99) */
		reached[0][79] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		/* merge: gpc_pfn = 0(99, 80, 99) */
		reached[0][80] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.gpc_pfn);
		now.gpc_pfn = 0;
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		/* merge: .(goto)(99, 83, 99) */
		reached[0][83] = 1;
		;
		/* merge: gpc_lock = 0(99, 84, 99) */
		reached[0][84] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 4 */
	case 73: // STATE 83 - model.pml:182 - [.(goto)] (0:99:1 - 2)
		IfNotBlocked
		reached[0][83] = 1;
		;
		/* merge: gpc_lock = 0(99, 84, 99) */
		reached[0][84] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 74: // STATE 87 - model.pml:215 - [(err)] (0:0:1 - 1)
		IfNotBlocked
		reached[0][87] = 1;
		if (!(((int)((P0 *)_this)->err)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: err */  (trpt+1)->bup.oval = ((P0 *)_this)->err;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->err = 0;
		_m = 3; goto P999; /* 0 */
	case 75: // STATE 88 - model.pml:111 - [(!(gpc_lock))] (96:0:3 - 1)
		IfNotBlocked
		reached[0][88] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_active = 0(96, 89, 96) */
		reached[0][89] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_active);
		now.gpc_active = 0;
#ifdef VAR_RANGES
		logval("gpc_active", ((int)now.gpc_active));
#endif
		;
		/* merge: gpc_valid = 0(96, 90, 96) */
		reached[0][90] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		/* merge: gpc_pfn = 0(96, 91, 96) */
		reached[0][91] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_pfn);
		now.gpc_pfn = 0;
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		_m = 3; goto P999; /* 3 */
	case 76: // STATE 94 - model.pml:221 - [vmcs02_pfn = 0] (0:104:3 - 1)
		IfNotBlocked
		reached[0][94] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.vmcs02_pfn);
		now.vmcs02_pfn = 0;
#ifdef VAR_RANGES
		logval("vmcs02_pfn", ((int)now.vmcs02_pfn));
#endif
		;
		/* merge: reload_owed = 0(104, 95, 104) */
		reached[0][95] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.reload_owed);
		now.reload_owed = 0;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: done = 1(104, 97, 104) */
		reached[0][97] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 1;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		/* merge: .(goto)(0, 100, 104) */
		reached[0][100] = 1;
		;
		/* merge: .(goto)(0, 103, 104) */
		reached[0][103] = 1;
		;
		/* merge: .(goto)(0, 105, 104) */
		reached[0][105] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 77: // STATE 108 - model.pml:251 - [(req_gnsp)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][108] = 1;
		if (!(((int)now.req_gnsp)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 78: // STATE 109 - model.pml:252 - [req_gnsp = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][109] = 1;
		(trpt+1)->bup.oval = ((int)now.req_gnsp);
		now.req_gnsp = 0;
#ifdef VAR_RANGES
		logval("req_gnsp", ((int)now.req_gnsp));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 79: // STATE 110 - model.pml:255 - [(guest_mode)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][110] = 1;
		if (!(((int)now.guest_mode)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 80: // STATE 111 - model.pml:192 - [done = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][111] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 0;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 81: // STATE 112 - model.pml:194 - [(done)] (225:0:2 - 1)
		IfNotBlocked
		reached[0][112] = 1;
		if (!(((int)((P0 *)_this)->done)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: done */  (trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->done;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->done = 0;
		/* merge: goto :b2(225, 113, 225) */
		reached[0][113] = 1;
		;
		/* merge: exitreq = 0(225, 224, 225) */
		reached[0][224] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->exitreq);
		((P0 *)_this)->exitreq = 0;
#ifdef VAR_RANGES
		logval("vcpu:exitreq", ((int)((P0 *)_this)->exitreq));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 82: // STATE 115 - model.pml:197 - [(!(gpc_lock))] (125:0:2 - 1)
		IfNotBlocked
		reached[0][115] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(125, 116, 125) */
		reached[0][116] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: ok = (((gpc_active&&(gpc_gen==slot_gen))&&(gpc_uhva!=2))&&gpc_valid)(125, 117, 125) */
		reached[0][117] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->ok);
		((P0 *)_this)->ok = (((((int)now.gpc_active)&&(((int)now.gpc_gen)==((int)now.slot_gen)))&&(((int)now.gpc_uhva)!=2))&&((int)now.gpc_valid));
#ifdef VAR_RANGES
		logval("vcpu:ok", ((int)((P0 *)_this)->ok));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 83: // STATE 118 - model.pml:202 - [(ok)] (212:0:5 - 1)
		IfNotBlocked
		reached[0][118] = 1;
		if (!(((int)((P0 *)_this)->ok)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: ok */  (trpt+1)->bup.ovals = grab_ints(5);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->ok;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->ok = 0;
		/* merge: vmcs02_pfn = gpc_pfn(212, 119, 212) */
		reached[0][119] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.vmcs02_pfn);
		now.vmcs02_pfn = ((int)now.gpc_pfn);
#ifdef VAR_RANGES
		logval("vmcs02_pfn", ((int)now.vmcs02_pfn));
#endif
		;
		/* merge: reload_owed = 0(212, 120, 212) */
		reached[0][120] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.reload_owed);
		now.reload_owed = 0;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: gpc_lock = 0(212, 121, 212) */
		reached[0][121] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: done = 1(212, 122, 212) */
		reached[0][122] = 1;
		(trpt+1)->bup.ovals[4] = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 1;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		/* merge: .(goto)(212, 126, 212) */
		reached[0][126] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 84: // STATE 126 - model.pml:210 - [.(goto)] (0:212:0 - 2)
		IfNotBlocked
		reached[0][126] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 85: // STATE 124 - model.pml:208 - [gpc_lock = 0] (0:212:1 - 1)
		IfNotBlocked
		reached[0][124] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: .(goto)(212, 126, 212) */
		reached[0][126] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 86: // STATE 128 - model.pml:212 - [(!(done))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][128] = 1;
		if (!( !(((int)((P0 *)_this)->done))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 87: // STATE 129 - model.pml:120 - [err = 0] (0:136:2 - 1)
		IfNotBlocked
		reached[0][129] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = 0;
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: hvachange = 0(136, 130, 136) */
		reached[0][130] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->hvachange);
		((P0 *)_this)->hvachange = 0;
#ifdef VAR_RANGES
		logval("vcpu:hvachange", ((int)((P0 *)_this)->hvachange));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 88: // STATE 131 - model.pml:123 - [(!(gpc_active))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][131] = 1;
		if (!( !(((int)now.gpc_active))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 89: // STATE 132 - model.pml:124 - [(!(gpc_lock))] (148:0:1 - 1)
		IfNotBlocked
		reached[0][132] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_active = 1(0, 133, 148) */
		reached[0][133] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_active);
		now.gpc_active = 1;
#ifdef VAR_RANGES
		logval("gpc_active", ((int)now.gpc_active));
#endif
		;
		/* merge: .(goto)(0, 137, 148) */
		reached[0][137] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 90: // STATE 138 - model.pml:129 - [(!(gpc_lock))] (146:0:1 - 1)
		IfNotBlocked
		reached[0][138] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(0, 139, 146) */
		reached[0][139] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 91: // STATE 140 - model.pml:131 - [(((gpc_gen!=slot_gen)||(gpc_uhva==2)))] (186:0:4 - 1)
		IfNotBlocked
		reached[0][140] = 1;
		if (!(((((int)now.gpc_gen)!=((int)now.slot_gen))||(((int)now.gpc_uhva)==2))))
			continue;
		/* merge: gpc_gen = slot_gen(186, 141, 186) */
		reached[0][141] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_gen);
		now.gpc_gen = ((int)now.slot_gen);
#ifdef VAR_RANGES
		logval("gpc_gen", ((int)now.gpc_gen));
#endif
		;
		/* merge: hvachange = (gpc_uhva!=slot_hva)(186, 142, 186) */
		reached[0][142] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->hvachange);
		((P0 *)_this)->hvachange = (((int)now.gpc_uhva)!=((int)now.slot_hva));
#ifdef VAR_RANGES
		logval("vcpu:hvachange", ((int)((P0 *)_this)->hvachange));
#endif
		;
		/* merge: gpc_uhva = slot_hva(186, 143, 186) */
		reached[0][143] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_uhva);
		now.gpc_uhva = ((int)now.slot_hva);
#ifdef VAR_RANGES
		logval("gpc_uhva", ((int)now.gpc_uhva));
#endif
		;
		/* merge: err = (gpc_uhva==2)(186, 144, 186) */
		reached[0][144] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = (((int)now.gpc_uhva)==2);
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: .(goto)(186, 147, 186) */
		reached[0][147] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 92: // STATE 147 - model.pml:139 - [.(goto)] (0:186:0 - 2)
		IfNotBlocked
		reached[0][147] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 93: // STATE 149 - model.pml:141 - [((!(err)&&(!(gpc_valid)||hvachange)))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][149] = 1;
		if (!(( !(((int)((P0 *)_this)->err))&&( !(((int)now.gpc_valid))||((int)((P0 *)_this)->hvachange)))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: hvachange */  (trpt+1)->bup.oval = ((P0 *)_this)->hvachange;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->hvachange = 0;
		_m = 3; goto P999; /* 0 */
	case 94: // STATE 150 - model.pml:143 - [gpc_valid = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][150] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 95: // STATE 151 - model.pml:144 - [seq_snap = mmu_seq] (0:0:1 - 1)
		IfNotBlocked
		reached[0][151] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->seq_snap);
		((P0 *)_this)->seq_snap = ((int)now.mmu_seq);
#ifdef VAR_RANGES
		logval("vcpu:seq_snap", ((int)((P0 *)_this)->seq_snap));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 96: // STATE 152 - model.pml:145 - [gpc_lock = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][152] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 97: // STATE 153 - model.pml:147 - [newpfn = hva_pfn[gpc_uhva]] (0:0:1 - 1)
		IfNotBlocked
		reached[0][153] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->newpfn);
		((P0 *)_this)->newpfn = ((int)now.hva_pfn[ Index(((int)now.gpc_uhva), 2) ]);
#ifdef VAR_RANGES
		logval("vcpu:newpfn", ((int)((P0 *)_this)->newpfn));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 98: // STATE 154 - model.pml:149 - [((newpfn==0))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][154] = 1;
		if (!((((int)((P0 *)_this)->newpfn)==0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 99: // STATE 155 - model.pml:150 - [(!(gpc_lock))] (183:0:2 - 1)
		IfNotBlocked
		reached[0][155] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(183, 156, 183) */
		reached[0][156] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: err = 1(183, 158, 183) */
		reached[0][158] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = 1;
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: goto :b3(0, 159, 183) */
		reached[0][159] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 100: // STATE 163 - model.pml:156 - [(!(gpc_lock))] (174:0:2 - 1)
		IfNotBlocked
		reached[0][163] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(174, 164, 174) */
		reached[0][164] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: retry = ((mn_count!=0)||(mmu_seq!=seq_snap))(174, 165, 174) */
		reached[0][165] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->retry);
		((P0 *)_this)->retry = ((((int)now.mn_count)!=0)||(((int)now.mmu_seq)!=((int)((P0 *)_this)->seq_snap)));
#ifdef VAR_RANGES
		logval("vcpu:retry", ((int)((P0 *)_this)->retry));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 101: // STATE 167 - model.pml:160 - [(!(retry))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][167] = 1;
		if (!( !(((int)((P0 *)_this)->retry))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: retry */  (trpt+1)->bup.oval = ((P0 *)_this)->retry;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->retry = 0;
		_m = 3; goto P999; /* 0 */
	case 102: // STATE 170 - model.pml:162 - [gpc_lock = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][170] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 103: // STATE 171 - model.pml:168 - [((mn_count==0))] (176:0:1 - 1)
		IfNotBlocked
		reached[0][171] = 1;
		if (!((((int)now.mn_count)==0)))
			continue;
		/* merge: seq_snap = mmu_seq(0, 172, 176) */
		reached[0][172] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->seq_snap);
		((P0 *)_this)->seq_snap = ((int)now.mmu_seq);
#ifdef VAR_RANGES
		logval("vcpu:seq_snap", ((int)((P0 *)_this)->seq_snap));
#endif
		;
		/* merge: .(goto)(0, 175, 176) */
		reached[0][175] = 1;
		;
		/* merge: .(goto)(0, 177, 176) */
		reached[0][177] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 104: // STATE 179 - model.pml:172 - [(!(err))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][179] = 1;
		if (!( !(((int)((P0 *)_this)->err))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 105: // STATE 180 - model.pml:172 - [gpc_valid = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[0][180] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_valid);
		now.gpc_valid = 1;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 106: // STATE 181 - model.pml:172 - [gpc_pfn = newpfn] (0:0:1 - 1)
		IfNotBlocked
		reached[0][181] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_pfn);
		now.gpc_pfn = ((int)((P0 *)_this)->newpfn);
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 107: // STATE 188 - model.pml:179 - [(err)] (209:0:3 - 1)
		IfNotBlocked
		reached[0][188] = 1;
		if (!(((int)((P0 *)_this)->err)))
			continue;
		/* merge: gpc_valid = 0(209, 189, 209) */
		reached[0][189] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		/* merge: gpc_pfn = 0(209, 190, 209) */
		reached[0][190] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.gpc_pfn);
		now.gpc_pfn = 0;
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		/* merge: .(goto)(209, 193, 209) */
		reached[0][193] = 1;
		;
		/* merge: gpc_lock = 0(209, 194, 209) */
		reached[0][194] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 4 */
	case 108: // STATE 193 - model.pml:182 - [.(goto)] (0:209:1 - 2)
		IfNotBlocked
		reached[0][193] = 1;
		;
		/* merge: gpc_lock = 0(209, 194, 209) */
		reached[0][194] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 109: // STATE 197 - model.pml:215 - [(err)] (0:0:1 - 1)
		IfNotBlocked
		reached[0][197] = 1;
		if (!(((int)((P0 *)_this)->err)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: err */  (trpt+1)->bup.oval = ((P0 *)_this)->err;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->err = 0;
		_m = 3; goto P999; /* 0 */
	case 110: // STATE 198 - model.pml:111 - [(!(gpc_lock))] (206:0:3 - 1)
		IfNotBlocked
		reached[0][198] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_active = 0(206, 199, 206) */
		reached[0][199] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_active);
		now.gpc_active = 0;
#ifdef VAR_RANGES
		logval("gpc_active", ((int)now.gpc_active));
#endif
		;
		/* merge: gpc_valid = 0(206, 200, 206) */
		reached[0][200] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		/* merge: gpc_pfn = 0(206, 201, 206) */
		reached[0][201] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_pfn);
		now.gpc_pfn = 0;
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		_m = 3; goto P999; /* 3 */
	case 111: // STATE 204 - model.pml:221 - [vmcs02_pfn = 0] (0:214:3 - 1)
		IfNotBlocked
		reached[0][204] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.vmcs02_pfn);
		now.vmcs02_pfn = 0;
#ifdef VAR_RANGES
		logval("vmcs02_pfn", ((int)now.vmcs02_pfn));
#endif
		;
		/* merge: reload_owed = 0(214, 205, 214) */
		reached[0][205] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.reload_owed);
		now.reload_owed = 0;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: done = 1(214, 207, 214) */
		reached[0][207] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 1;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		/* merge: .(goto)(0, 210, 214) */
		reached[0][210] = 1;
		;
		/* merge: .(goto)(0, 213, 214) */
		reached[0][213] = 1;
		;
		/* merge: .(goto)(0, 215, 214) */
		reached[0][215] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 112: // STATE 224 - model.pml:260 - [exitreq = 0] (0:225:1 - 7)
		IfNotBlocked
		reached[0][224] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->exitreq);
		((P0 *)_this)->exitreq = 0;
#ifdef VAR_RANGES
		logval("vcpu:exitreq", ((int)((P0 *)_this)->exitreq));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 113: // STATE 225 - model.pml:261 - [irqs_on = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][225] = 1;
		(trpt+1)->bup.oval = ((int)now.irqs_on);
		now.irqs_on = 0;
#ifdef VAR_RANGES
		logval("irqs_on", ((int)now.irqs_on));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 114: // STATE 226 - model.pml:87 - [((mode_sb==255))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][226] = 1;
		if (!((((int)now.mode_sb)==255)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 115: // STATE 227 - model.pml:88 - [mode_sb = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[0][227] = 1;
		(trpt+1)->bup.oval = ((int)now.mode_sb);
		now.mode_sb = 1;
#ifdef VAR_RANGES
		logval("mode_sb", ((int)now.mode_sb));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 116: // STATE 229 - model.pml:93 - [((mode_sb==255))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][229] = 1;
		if (!((((int)now.mode_sb)==255)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 117: // STATE 231 - model.pml:271 - [m = ( ((mode_sb!=255)) -> (mode_sb) : (mode) )] (0:234:2 - 1)
		IfNotBlocked
		reached[0][231] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->m);
		((P0 *)_this)->m = ( ((((int)now.mode_sb)!=255)) ? (((int)now.mode_sb)) : (((int)now.mode)) );
#ifdef VAR_RANGES
		logval("vcpu:m", ((int)((P0 *)_this)->m));
#endif
		;
		/* merge: exitreq = (exitreq||(m==2))(234, 232, 234) */
		reached[0][232] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->exitreq);
		((P0 *)_this)->exitreq = (((int)((P0 *)_this)->exitreq)||(((int)((P0 *)_this)->m)==2));
#ifdef VAR_RANGES
		logval("vcpu:exitreq", ((int)((P0 *)_this)->exitreq));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 118: // STATE 234 - model.pml:274 - [exitreq = (exitreq||req_gnsp)] (0:0:1 - 1)
		IfNotBlocked
		reached[0][234] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->exitreq);
		((P0 *)_this)->exitreq = (((int)((P0 *)_this)->exitreq)||((int)now.req_gnsp));
#ifdef VAR_RANGES
		logval("vcpu:exitreq", ((int)((P0 *)_this)->exitreq));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 119: // STATE 235 - model.pml:279 - [(guest_mode)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][235] = 1;
		if (!(((int)now.guest_mode)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 120: // STATE 236 - model.pml:235 - [((gpc_active&&!(gpc_valid)))] (262:0:2 - 1)
		IfNotBlocked
		reached[0][236] = 1;
		if (!((((int)now.gpc_active)&& !(((int)now.gpc_valid)))))
			continue;
		/* merge: req_gnsp = 1(262, 237, 262) */
		reached[0][237] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.req_gnsp);
		now.req_gnsp = 1;
#ifdef VAR_RANGES
		logval("req_gnsp", ((int)now.req_gnsp));
#endif
		;
		/* merge: exitreq = 1(262, 238, 262) */
		reached[0][238] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->exitreq);
		((P0 *)_this)->exitreq = 1;
#ifdef VAR_RANGES
		logval("vcpu:exitreq", ((int)((P0 *)_this)->exitreq));
#endif
		;
		/* merge: .(goto)(262, 241, 262) */
		reached[0][241] = 1;
		;
		/* merge: .(goto)(0, 246, 262) */
		reached[0][246] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 121: // STATE 241 - model.pml:238 - [.(goto)] (0:262:0 - 2)
		IfNotBlocked
		reached[0][241] = 1;
		;
		/* merge: .(goto)(0, 246, 262) */
		reached[0][246] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 122: // STATE 247 - model.pml:283 - [(exitreq)] (0:0:1 - 1)
		IfNotBlocked
		reached[0][247] = 1;
		if (!(((int)((P0 *)_this)->exitreq)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: exitreq */  (trpt+1)->bup.oval = ((P0 *)_this)->exitreq;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->exitreq = 0;
		_m = 3; goto P999; /* 0 */
	case 123: // STATE 248 - model.pml:87 - [((mode_sb==255))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][248] = 1;
		if (!((((int)now.mode_sb)==255)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 124: // STATE 249 - model.pml:88 - [mode_sb = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][249] = 1;
		(trpt+1)->bup.oval = ((int)now.mode_sb);
		now.mode_sb = 0;
#ifdef VAR_RANGES
		logval("mode_sb", ((int)now.mode_sb));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 125: // STATE 251 - model.pml:100 - [irqs_on = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[0][251] = 1;
		(trpt+1)->bup.oval = ((int)now.irqs_on);
		now.irqs_on = 1;
#ifdef VAR_RANGES
		logval("irqs_on", ((int)now.irqs_on));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 126: // STATE 252 - model.pml:102 - [(ipi)] (222:0:2 - 1)
		IfNotBlocked
		reached[0][252] = 1;
		if (!(((int)now.ipi)))
			continue;
		/* merge: ipi = 0(222, 253, 222) */
		reached[0][253] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.ipi);
		now.ipi = 0;
#ifdef VAR_RANGES
		logval("ipi", ((int)now.ipi));
#endif
		;
		/* merge: reload_owed = 1(222, 254, 222) */
		reached[0][254] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.reload_owed);
		now.reload_owed = 1;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: .(goto)(222, 257, 222) */
		reached[0][257] = 1;
		;
		/* merge: goto loop(0, 260, 222) */
		reached[0][260] = 1;
		;
		_m = 3; goto P999; /* 4 */
	case 127: // STATE 257 - model.pml:105 - [.(goto)] (0:222:0 - 2)
		IfNotBlocked
		reached[0][257] = 1;
		;
		/* merge: goto loop(0, 260, 222) */
		reached[0][260] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 128: // STATE 264 - model.pml:292 - [in_l2 = guest_mode] (0:0:1 - 1)
		IfNotBlocked
		reached[0][264] = 1;
		(trpt+1)->bup.oval = ((int)now.in_l2);
		now.in_l2 = ((int)now.guest_mode);
#ifdef VAR_RANGES
		logval("in_l2", ((int)now.in_l2));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 129: // STATE 265 - model.pml:294 - [(guest_mode)] (272:0:0 - 1)
		IfNotBlocked
		reached[0][265] = 1;
		if (!(((int)now.guest_mode)))
			continue;
		/* merge: assert(((vmcs02_pfn==0)||!(freed[vmcs02_pfn])))(272, 266, 272) */
		reached[0][266] = 1;
		spin_assert(((((int)now.vmcs02_pfn)==0)|| !(((int)now.freed[ Index(((int)now.vmcs02_pfn), 6) ]))), "((vmcs02_pfn==0)|| !(freed[vmcs02_pfn]))", II, tt, t);
		/* merge: assert(!(reload_owed))(272, 267, 272) */
		reached[0][267] = 1;
		spin_assert( !(((int)now.reload_owed)), " !(reload_owed)", II, tt, t);
		/* merge: .(goto)(272, 270, 272) */
		reached[0][270] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 130: // STATE 270 - model.pml:301 - [.(goto)] (0:272:0 - 2)
		IfNotBlocked
		reached[0][270] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 131: // STATE 272 - model.pml:304 - [in_l2 = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][272] = 1;
		(trpt+1)->bup.oval = ((int)now.in_l2);
		now.in_l2 = 0;
#ifdef VAR_RANGES
		logval("in_l2", ((int)now.in_l2));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 132: // STATE 273 - model.pml:87 - [((mode_sb==255))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][273] = 1;
		if (!((((int)now.mode_sb)==255)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 133: // STATE 274 - model.pml:88 - [mode_sb = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][274] = 1;
		(trpt+1)->bup.oval = ((int)now.mode_sb);
		now.mode_sb = 0;
#ifdef VAR_RANGES
		logval("mode_sb", ((int)now.mode_sb));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 134: // STATE 276 - model.pml:100 - [irqs_on = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[0][276] = 1;
		(trpt+1)->bup.oval = ((int)now.irqs_on);
		now.irqs_on = 1;
#ifdef VAR_RANGES
		logval("irqs_on", ((int)now.irqs_on));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 135: // STATE 277 - model.pml:102 - [(ipi)] (402:0:2 - 1)
		IfNotBlocked
		reached[0][277] = 1;
		if (!(((int)now.ipi)))
			continue;
		/* merge: ipi = 0(402, 278, 402) */
		reached[0][278] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.ipi);
		now.ipi = 0;
#ifdef VAR_RANGES
		logval("ipi", ((int)now.ipi));
#endif
		;
		/* merge: reload_owed = 1(402, 279, 402) */
		reached[0][279] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.reload_owed);
		now.reload_owed = 1;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: .(goto)(402, 282, 402) */
		reached[0][282] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 136: // STATE 282 - model.pml:105 - [.(goto)] (0:402:0 - 2)
		IfNotBlocked
		reached[0][282] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 137: // STATE 285 - model.pml:309 - [(guest_mode)] (0:0:0 - 1)
		IfNotBlocked
		reached[0][285] = 1;
		if (!(((int)now.guest_mode)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 138: // STATE 287 - model.pml:312 - [guest_mode = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][287] = 1;
		(trpt+1)->bup.oval = ((int)now.guest_mode);
		now.guest_mode = 0;
#ifdef VAR_RANGES
		logval("guest_mode", ((int)now.guest_mode));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 139: // STATE 292 - model.pml:192 - [done = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][292] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 0;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 140: // STATE 293 - model.pml:194 - [(done)] (0:0:1 - 1)
		IfNotBlocked
		reached[0][293] = 1;
		if (!(((int)((P0 *)_this)->done)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: done */  (trpt+1)->bup.oval = ((P0 *)_this)->done;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->done = 0;
		_m = 3; goto P999; /* 0 */
	case 141: // STATE 296 - model.pml:197 - [(!(gpc_lock))] (306:0:2 - 1)
		IfNotBlocked
		reached[0][296] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(306, 297, 306) */
		reached[0][297] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: ok = (((gpc_active&&(gpc_gen==slot_gen))&&(gpc_uhva!=2))&&gpc_valid)(306, 298, 306) */
		reached[0][298] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->ok);
		((P0 *)_this)->ok = (((((int)now.gpc_active)&&(((int)now.gpc_gen)==((int)now.slot_gen)))&&(((int)now.gpc_uhva)!=2))&&((int)now.gpc_valid));
#ifdef VAR_RANGES
		logval("vcpu:ok", ((int)((P0 *)_this)->ok));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 142: // STATE 299 - model.pml:202 - [(ok)] (393:0:5 - 1)
		IfNotBlocked
		reached[0][299] = 1;
		if (!(((int)((P0 *)_this)->ok)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: ok */  (trpt+1)->bup.ovals = grab_ints(5);
		(trpt+1)->bup.ovals[0] = ((P0 *)_this)->ok;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->ok = 0;
		/* merge: vmcs02_pfn = gpc_pfn(393, 300, 393) */
		reached[0][300] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.vmcs02_pfn);
		now.vmcs02_pfn = ((int)now.gpc_pfn);
#ifdef VAR_RANGES
		logval("vmcs02_pfn", ((int)now.vmcs02_pfn));
#endif
		;
		/* merge: reload_owed = 0(393, 301, 393) */
		reached[0][301] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.reload_owed);
		now.reload_owed = 0;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: gpc_lock = 0(393, 302, 393) */
		reached[0][302] = 1;
		(trpt+1)->bup.ovals[3] = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: done = 1(393, 303, 393) */
		reached[0][303] = 1;
		(trpt+1)->bup.ovals[4] = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 1;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		/* merge: .(goto)(393, 307, 393) */
		reached[0][307] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 143: // STATE 307 - model.pml:210 - [.(goto)] (0:393:0 - 2)
		IfNotBlocked
		reached[0][307] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 144: // STATE 305 - model.pml:208 - [gpc_lock = 0] (0:393:1 - 1)
		IfNotBlocked
		reached[0][305] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: .(goto)(393, 307, 393) */
		reached[0][307] = 1;
		;
		_m = 3; goto P999; /* 1 */
	case 145: // STATE 309 - model.pml:212 - [(!(done))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][309] = 1;
		if (!( !(((int)((P0 *)_this)->done))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 146: // STATE 310 - model.pml:120 - [err = 0] (0:317:2 - 1)
		IfNotBlocked
		reached[0][310] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = 0;
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: hvachange = 0(317, 311, 317) */
		reached[0][311] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->hvachange);
		((P0 *)_this)->hvachange = 0;
#ifdef VAR_RANGES
		logval("vcpu:hvachange", ((int)((P0 *)_this)->hvachange));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 147: // STATE 312 - model.pml:123 - [(!(gpc_active))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][312] = 1;
		if (!( !(((int)now.gpc_active))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 148: // STATE 313 - model.pml:124 - [(!(gpc_lock))] (329:0:1 - 1)
		IfNotBlocked
		reached[0][313] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_active = 1(0, 314, 329) */
		reached[0][314] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_active);
		now.gpc_active = 1;
#ifdef VAR_RANGES
		logval("gpc_active", ((int)now.gpc_active));
#endif
		;
		/* merge: .(goto)(0, 318, 329) */
		reached[0][318] = 1;
		;
		_m = 3; goto P999; /* 2 */
	case 149: // STATE 319 - model.pml:129 - [(!(gpc_lock))] (327:0:1 - 1)
		IfNotBlocked
		reached[0][319] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(0, 320, 327) */
		reached[0][320] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 150: // STATE 321 - model.pml:131 - [(((gpc_gen!=slot_gen)||(gpc_uhva==2)))] (367:0:4 - 1)
		IfNotBlocked
		reached[0][321] = 1;
		if (!(((((int)now.gpc_gen)!=((int)now.slot_gen))||(((int)now.gpc_uhva)==2))))
			continue;
		/* merge: gpc_gen = slot_gen(367, 322, 367) */
		reached[0][322] = 1;
		(trpt+1)->bup.ovals = grab_ints(4);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_gen);
		now.gpc_gen = ((int)now.slot_gen);
#ifdef VAR_RANGES
		logval("gpc_gen", ((int)now.gpc_gen));
#endif
		;
		/* merge: hvachange = (gpc_uhva!=slot_hva)(367, 323, 367) */
		reached[0][323] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->hvachange);
		((P0 *)_this)->hvachange = (((int)now.gpc_uhva)!=((int)now.slot_hva));
#ifdef VAR_RANGES
		logval("vcpu:hvachange", ((int)((P0 *)_this)->hvachange));
#endif
		;
		/* merge: gpc_uhva = slot_hva(367, 324, 367) */
		reached[0][324] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_uhva);
		now.gpc_uhva = ((int)now.slot_hva);
#ifdef VAR_RANGES
		logval("gpc_uhva", ((int)now.gpc_uhva));
#endif
		;
		/* merge: err = (gpc_uhva==2)(367, 325, 367) */
		reached[0][325] = 1;
		(trpt+1)->bup.ovals[3] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = (((int)now.gpc_uhva)==2);
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: .(goto)(367, 328, 367) */
		reached[0][328] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 151: // STATE 328 - model.pml:139 - [.(goto)] (0:367:0 - 2)
		IfNotBlocked
		reached[0][328] = 1;
		;
		_m = 3; goto P999; /* 0 */
	case 152: // STATE 330 - model.pml:141 - [((!(err)&&(!(gpc_valid)||hvachange)))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][330] = 1;
		if (!(( !(((int)((P0 *)_this)->err))&&( !(((int)now.gpc_valid))||((int)((P0 *)_this)->hvachange)))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: hvachange */  (trpt+1)->bup.oval = ((P0 *)_this)->hvachange;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->hvachange = 0;
		_m = 3; goto P999; /* 0 */
	case 153: // STATE 331 - model.pml:143 - [gpc_valid = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][331] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 154: // STATE 332 - model.pml:144 - [seq_snap = mmu_seq] (0:0:1 - 1)
		IfNotBlocked
		reached[0][332] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->seq_snap);
		((P0 *)_this)->seq_snap = ((int)now.mmu_seq);
#ifdef VAR_RANGES
		logval("vcpu:seq_snap", ((int)((P0 *)_this)->seq_snap));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 155: // STATE 333 - model.pml:145 - [gpc_lock = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][333] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 156: // STATE 334 - model.pml:147 - [newpfn = hva_pfn[gpc_uhva]] (0:0:1 - 1)
		IfNotBlocked
		reached[0][334] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->newpfn);
		((P0 *)_this)->newpfn = ((int)now.hva_pfn[ Index(((int)now.gpc_uhva), 2) ]);
#ifdef VAR_RANGES
		logval("vcpu:newpfn", ((int)((P0 *)_this)->newpfn));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 157: // STATE 335 - model.pml:149 - [((newpfn==0))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][335] = 1;
		if (!((((int)((P0 *)_this)->newpfn)==0)))
			continue;
		_m = 3; goto P999; /* 0 */
	case 158: // STATE 336 - model.pml:150 - [(!(gpc_lock))] (364:0:2 - 1)
		IfNotBlocked
		reached[0][336] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(364, 337, 364) */
		reached[0][337] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: err = 1(364, 339, 364) */
		reached[0][339] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->err);
		((P0 *)_this)->err = 1;
#ifdef VAR_RANGES
		logval("vcpu:err", ((int)((P0 *)_this)->err));
#endif
		;
		/* merge: goto :b5(0, 340, 364) */
		reached[0][340] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 159: // STATE 344 - model.pml:156 - [(!(gpc_lock))] (355:0:2 - 1)
		IfNotBlocked
		reached[0][344] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_lock = 1(355, 345, 355) */
		reached[0][345] = 1;
		(trpt+1)->bup.ovals = grab_ints(2);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_lock);
		now.gpc_lock = 1;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		/* merge: retry = ((mn_count!=0)||(mmu_seq!=seq_snap))(355, 346, 355) */
		reached[0][346] = 1;
		(trpt+1)->bup.ovals[1] = ((int)((P0 *)_this)->retry);
		((P0 *)_this)->retry = ((((int)now.mn_count)!=0)||(((int)now.mmu_seq)!=((int)((P0 *)_this)->seq_snap)));
#ifdef VAR_RANGES
		logval("vcpu:retry", ((int)((P0 *)_this)->retry));
#endif
		;
		_m = 3; goto P999; /* 2 */
	case 160: // STATE 348 - model.pml:160 - [(!(retry))] (0:0:1 - 1)
		IfNotBlocked
		reached[0][348] = 1;
		if (!( !(((int)((P0 *)_this)->retry))))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: retry */  (trpt+1)->bup.oval = ((P0 *)_this)->retry;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->retry = 0;
		_m = 3; goto P999; /* 0 */
	case 161: // STATE 351 - model.pml:162 - [gpc_lock = 0] (0:0:1 - 1)
		IfNotBlocked
		reached[0][351] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 162: // STATE 352 - model.pml:168 - [((mn_count==0))] (357:0:1 - 1)
		IfNotBlocked
		reached[0][352] = 1;
		if (!((((int)now.mn_count)==0)))
			continue;
		/* merge: seq_snap = mmu_seq(0, 353, 357) */
		reached[0][353] = 1;
		(trpt+1)->bup.oval = ((int)((P0 *)_this)->seq_snap);
		((P0 *)_this)->seq_snap = ((int)now.mmu_seq);
#ifdef VAR_RANGES
		logval("vcpu:seq_snap", ((int)((P0 *)_this)->seq_snap));
#endif
		;
		/* merge: .(goto)(0, 356, 357) */
		reached[0][356] = 1;
		;
		/* merge: .(goto)(0, 358, 357) */
		reached[0][358] = 1;
		;
		_m = 3; goto P999; /* 3 */
	case 163: // STATE 360 - model.pml:172 - [(!(err))] (0:0:0 - 1)
		IfNotBlocked
		reached[0][360] = 1;
		if (!( !(((int)((P0 *)_this)->err))))
			continue;
		_m = 3; goto P999; /* 0 */
	case 164: // STATE 361 - model.pml:172 - [gpc_valid = 1] (0:0:1 - 1)
		IfNotBlocked
		reached[0][361] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_valid);
		now.gpc_valid = 1;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 165: // STATE 362 - model.pml:172 - [gpc_pfn = newpfn] (0:0:1 - 1)
		IfNotBlocked
		reached[0][362] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_pfn);
		now.gpc_pfn = ((int)((P0 *)_this)->newpfn);
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case 166: // STATE 369 - model.pml:179 - [(err)] (390:0:3 - 1)
		IfNotBlocked
		reached[0][369] = 1;
		if (!(((int)((P0 *)_this)->err)))
			continue;
		/* merge: gpc_valid = 0(390, 370, 390) */
		reached[0][370] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		/* merge: gpc_pfn = 0(390, 371, 390) */
		reached[0][371] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.gpc_pfn);
		now.gpc_pfn = 0;
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		/* merge: .(goto)(390, 374, 390) */
		reached[0][374] = 1;
		;
		/* merge: gpc_lock = 0(390, 375, 390) */
		reached[0][375] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 4 */
	case 167: // STATE 374 - model.pml:182 - [.(goto)] (0:390:1 - 2)
		IfNotBlocked
		reached[0][374] = 1;
		;
		/* merge: gpc_lock = 0(390, 375, 390) */
		reached[0][375] = 1;
		(trpt+1)->bup.oval = ((int)now.gpc_lock);
		now.gpc_lock = 0;
#ifdef VAR_RANGES
		logval("gpc_lock", ((int)now.gpc_lock));
#endif
		;
		_m = 3; goto P999; /* 1 */
	case 168: // STATE 378 - model.pml:215 - [(err)] (0:0:1 - 1)
		IfNotBlocked
		reached[0][378] = 1;
		if (!(((int)((P0 *)_this)->err)))
			continue;
		if (TstOnly) return 1; /* TT */
		/* dead 1: err */  (trpt+1)->bup.oval = ((P0 *)_this)->err;
#ifdef HAS_CODE
		if (!readtrail)
#endif
			((P0 *)_this)->err = 0;
		_m = 3; goto P999; /* 0 */
	case 169: // STATE 379 - model.pml:111 - [(!(gpc_lock))] (387:0:3 - 1)
		IfNotBlocked
		reached[0][379] = 1;
		if (!( !(((int)now.gpc_lock))))
			continue;
		/* merge: gpc_active = 0(387, 380, 387) */
		reached[0][380] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.gpc_active);
		now.gpc_active = 0;
#ifdef VAR_RANGES
		logval("gpc_active", ((int)now.gpc_active));
#endif
		;
		/* merge: gpc_valid = 0(387, 381, 387) */
		reached[0][381] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.gpc_valid);
		now.gpc_valid = 0;
#ifdef VAR_RANGES
		logval("gpc_valid", ((int)now.gpc_valid));
#endif
		;
		/* merge: gpc_pfn = 0(387, 382, 387) */
		reached[0][382] = 1;
		(trpt+1)->bup.ovals[2] = ((int)now.gpc_pfn);
		now.gpc_pfn = 0;
#ifdef VAR_RANGES
		logval("gpc_pfn", ((int)now.gpc_pfn));
#endif
		;
		_m = 3; goto P999; /* 3 */
	case 170: // STATE 385 - model.pml:221 - [vmcs02_pfn = 0] (0:395:3 - 1)
		IfNotBlocked
		reached[0][385] = 1;
		(trpt+1)->bup.ovals = grab_ints(3);
		(trpt+1)->bup.ovals[0] = ((int)now.vmcs02_pfn);
		now.vmcs02_pfn = 0;
#ifdef VAR_RANGES
		logval("vmcs02_pfn", ((int)now.vmcs02_pfn));
#endif
		;
		/* merge: reload_owed = 0(395, 386, 395) */
		reached[0][386] = 1;
		(trpt+1)->bup.ovals[1] = ((int)now.reload_owed);
		now.reload_owed = 0;
#ifdef VAR_RANGES
		logval("reload_owed", ((int)now.reload_owed));
#endif
		;
		/* merge: done = 1(395, 388, 395) */
		reached[0][388] = 1;
		(trpt+1)->bup.ovals[2] = ((int)((P0 *)_this)->done);
		((P0 *)_this)->done = 1;
#ifdef VAR_RANGES
		logval("vcpu:done", ((int)((P0 *)_this)->done));
#endif
		;
		/* merge: .(goto)(0, 391, 395) */
		reached[0][391] = 1;
		;
		/* merge: .(goto)(0, 394, 395) */
		reached[0][394] = 1;
		;
		/* merge: .(goto)(0, 396, 395) */
		reached[0][396] = 1;
		;
		_m = 3; goto P999; /* 5 */
	case 171: // STATE 399 - model.pml:318 - [guest_mode = 1] (0:0:1 - 3)
		IfNotBlocked
		reached[0][399] = 1;
		(trpt+1)->bup.oval = ((int)now.guest_mode);
		now.guest_mode = 1;
#ifdef VAR_RANGES
		logval("guest_mode", ((int)now.guest_mode));
#endif
		;
		_m = 3; goto P999; /* 0 */
	case  _T5:	/* np_ */
		if (!((!(trpt->o_pm&4) && !(trpt->tau&128))))
			continue;
		/* else fall through */
	case  _T2:	/* true */
		_m = 3; goto P999;
#undef rand
	}

