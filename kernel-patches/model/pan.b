	switch (t->back) {
	default: Uerror("bad return move");
	case  0: goto R999; /* nothing to undo */

		 /* PROC :init: */

	case 3: // STATE 1
		;
		now.hva_pfn[0] = trpt->bup.oval;
		;
		goto R999;

	case 4: // STATE 2
		;
		now.hva_pfn[1] = trpt->bup.oval;
		;
		goto R999;

	case 5: // STATE 3
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC memslot */
;
		;
		
	case 7: // STATE 2
		;
		now.n_slot = trpt->bup.oval;
		;
		goto R999;

	case 8: // STATE 8
		;
		now.slot_gen = trpt->bup.ovals[1];
		now.slot_hva = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 9: // STATE 8
		;
		now.slot_gen = trpt->bup.oval;
		;
		goto R999;

	case 10: // STATE 8
		;
		now.slot_gen = trpt->bup.ovals[1];
		now.slot_hva = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 11: // STATE 15
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC mmu_notifier */
;
		;
		
	case 13: // STATE 2
		;
		now.n_inval = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 15: // STATE 4
		;
		((P3 *)_this)->h = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 17: // STATE 6
		;
		((P3 *)_this)->h = trpt->bup.oval;
		;
		goto R999;

	case 18: // STATE 9
		;
		now.mn_count = trpt->bup.oval;
		;
		goto R999;

	case 19: // STATE 10
		;
		((P3 *)_this)->evict = trpt->bup.oval;
		;
		goto R999;

	case 20: // STATE 12
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 21: // STATE 19
		;
		now.inv_sb_unlock = trpt->bup.ovals[2];
		((P3 *)_this)->evict = trpt->bup.ovals[1];
		now.inv_sb_valid = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 22: // STATE 19
		;
		now.inv_sb_unlock = trpt->bup.oval;
		;
		goto R999;

	case 23: // STATE 21
		;
	/* 0 */	((P3 *)_this)->evict = trpt->bup.oval;
		;
		;
		goto R999;

	case 24: // STATE 23
		;
		((P3 *)_this)->m = trpt->bup.oval;
		;
		goto R999;

	case 25: // STATE 25
		;
		now.mode = trpt->bup.oval;
		;
		goto R999;
;
		
	case 26: // STATE 28
		goto R999;

	case 27: // STATE 30
		;
	/* 0 */	((P3 *)_this)->m = trpt->bup.oval;
		;
		;
		goto R999;

	case 28: // STATE 32
		;
		now.reload_owed = trpt->bup.oval;
		;
		goto R999;
;
		
	case 29: // STATE 36
		goto R999;

	case 30: // STATE 34
		;
		now.ipi = trpt->bup.oval;
		;
		goto R999;
;
		;
		;
		;
		
	case 33: // STATE 46
		;
		((P3 *)_this)->old = trpt->bup.oval;
		;
		goto R999;

	case 34: // STATE 52
		;
		now.freed[ Index(((P3 *)_this)->old, 6) ] = trpt->bup.ovals[2];
		now.next_pfn = trpt->bup.ovals[1];
		now.hva_pfn[ Index(((P3 *)_this)->h, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 35: // STATE 52
		;
		now.freed[ Index(((P3 *)_this)->old, 6) ] = trpt->bup.ovals[1];
		now.hva_pfn[ Index(((P3 *)_this)->h, 2) ] = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 36: // STATE 52
		;
		now.freed[ Index(((P3 *)_this)->old, 6) ] = trpt->bup.oval;
		;
		goto R999;

	case 37: // STATE 55
		;
		now.mmu_seq = trpt->bup.oval;
		;
		goto R999;

	case 38: // STATE 56
		;
		now.mn_count = trpt->bup.oval;
		;
		goto R999;

	case 39: // STATE 62
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC notifier_store_buffer */

	case 40: // STATE 3
		;
		now.inv_sb_valid = trpt->bup.ovals[1];
		now.gpc_valid = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 41: // STATE 7
		;
		now.inv_sb_unlock = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 42: // STATE 12
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC vcpu_store_buffer */

	case 43: // STATE 3
		;
		now.mode_sb = trpt->bup.ovals[1];
		now.mode = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 44: // STATE 8
		;
		p_restor(II);
		;
		;
		goto R999;

		 /* PROC vcpu */

	case 45: // STATE 1
		;
		((P0 *)_this)->done = trpt->bup.oval;
		;
		goto R999;

	case 46: // STATE 2
		;
	/* 0 */	((P0 *)_this)->done = trpt->bup.oval;
		;
		;
		goto R999;

	case 47: // STATE 7
		;
		((P0 *)_this)->ok = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 48: // STATE 12
		;
		((P0 *)_this)->done = trpt->bup.ovals[4];
		now.gpc_lock = trpt->bup.ovals[3];
		now.reload_owed = trpt->bup.ovals[2];
		now.vmcs02_pfn = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->ok = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 5);
		goto R999;
;
		
	case 49: // STATE 16
		goto R999;

	case 50: // STATE 14
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 52: // STATE 20
		;
		((P0 *)_this)->hvachange = trpt->bup.ovals[1];
		((P0 *)_this)->err = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		;
		
	case 54: // STATE 23
		;
		now.gpc_active = trpt->bup.oval;
		;
		goto R999;

	case 55: // STATE 29
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 56: // STATE 34
		;
		((P0 *)_this)->err = trpt->bup.ovals[3];
		now.gpc_uhva = trpt->bup.ovals[2];
		((P0 *)_this)->hvachange = trpt->bup.ovals[1];
		now.gpc_gen = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		
	case 57: // STATE 37
		goto R999;

	case 58: // STATE 39
		;
	/* 0 */	((P0 *)_this)->hvachange = trpt->bup.oval;
		;
		;
		goto R999;

	case 59: // STATE 40
		;
		now.gpc_valid = trpt->bup.oval;
		;
		goto R999;

	case 60: // STATE 41
		;
		((P0 *)_this)->seq_snap = trpt->bup.oval;
		;
		goto R999;

	case 61: // STATE 42
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 62: // STATE 43
		;
		((P0 *)_this)->newpfn = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 64: // STATE 48
		;
		((P0 *)_this)->err = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 65: // STATE 55
		;
		((P0 *)_this)->retry = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 66: // STATE 57
		;
	/* 0 */	((P0 *)_this)->retry = trpt->bup.oval;
		;
		;
		goto R999;

	case 67: // STATE 60
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 68: // STATE 62
		;
		((P0 *)_this)->seq_snap = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 70: // STATE 70
		;
		now.gpc_valid = trpt->bup.oval;
		;
		goto R999;

	case 71: // STATE 71
		;
		now.gpc_pfn = trpt->bup.oval;
		;
		goto R999;

	case 72: // STATE 84
		;
		now.gpc_lock = trpt->bup.ovals[2];
		now.gpc_pfn = trpt->bup.ovals[1];
		now.gpc_valid = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 73: // STATE 84
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 74: // STATE 87
		;
	/* 0 */	((P0 *)_this)->err = trpt->bup.oval;
		;
		;
		goto R999;

	case 75: // STATE 91
		;
		now.gpc_pfn = trpt->bup.ovals[2];
		now.gpc_valid = trpt->bup.ovals[1];
		now.gpc_active = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 76: // STATE 97
		;
		((P0 *)_this)->done = trpt->bup.ovals[2];
		now.reload_owed = trpt->bup.ovals[1];
		now.vmcs02_pfn = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;
;
		;
		
	case 78: // STATE 109
		;
		now.req_gnsp = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 80: // STATE 111
		;
		((P0 *)_this)->done = trpt->bup.oval;
		;
		goto R999;

	case 81: // STATE 224
		;
		((P0 *)_this)->exitreq = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->done = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 82: // STATE 117
		;
		((P0 *)_this)->ok = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 83: // STATE 122
		;
		((P0 *)_this)->done = trpt->bup.ovals[4];
		now.gpc_lock = trpt->bup.ovals[3];
		now.reload_owed = trpt->bup.ovals[2];
		now.vmcs02_pfn = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->ok = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 5);
		goto R999;
;
		
	case 84: // STATE 126
		goto R999;

	case 85: // STATE 124
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 87: // STATE 130
		;
		((P0 *)_this)->hvachange = trpt->bup.ovals[1];
		((P0 *)_this)->err = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		;
		
	case 89: // STATE 133
		;
		now.gpc_active = trpt->bup.oval;
		;
		goto R999;

	case 90: // STATE 139
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 91: // STATE 144
		;
		((P0 *)_this)->err = trpt->bup.ovals[3];
		now.gpc_uhva = trpt->bup.ovals[2];
		((P0 *)_this)->hvachange = trpt->bup.ovals[1];
		now.gpc_gen = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		
	case 92: // STATE 147
		goto R999;

	case 93: // STATE 149
		;
	/* 0 */	((P0 *)_this)->hvachange = trpt->bup.oval;
		;
		;
		goto R999;

	case 94: // STATE 150
		;
		now.gpc_valid = trpt->bup.oval;
		;
		goto R999;

	case 95: // STATE 151
		;
		((P0 *)_this)->seq_snap = trpt->bup.oval;
		;
		goto R999;

	case 96: // STATE 152
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 97: // STATE 153
		;
		((P0 *)_this)->newpfn = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 99: // STATE 158
		;
		((P0 *)_this)->err = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 100: // STATE 165
		;
		((P0 *)_this)->retry = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 101: // STATE 167
		;
	/* 0 */	((P0 *)_this)->retry = trpt->bup.oval;
		;
		;
		goto R999;

	case 102: // STATE 170
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 103: // STATE 172
		;
		((P0 *)_this)->seq_snap = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 105: // STATE 180
		;
		now.gpc_valid = trpt->bup.oval;
		;
		goto R999;

	case 106: // STATE 181
		;
		now.gpc_pfn = trpt->bup.oval;
		;
		goto R999;

	case 107: // STATE 194
		;
		now.gpc_lock = trpt->bup.ovals[2];
		now.gpc_pfn = trpt->bup.ovals[1];
		now.gpc_valid = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 108: // STATE 194
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 109: // STATE 197
		;
	/* 0 */	((P0 *)_this)->err = trpt->bup.oval;
		;
		;
		goto R999;

	case 110: // STATE 201
		;
		now.gpc_pfn = trpt->bup.ovals[2];
		now.gpc_valid = trpt->bup.ovals[1];
		now.gpc_active = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 111: // STATE 207
		;
		((P0 *)_this)->done = trpt->bup.ovals[2];
		now.reload_owed = trpt->bup.ovals[1];
		now.vmcs02_pfn = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 112: // STATE 224
		;
		((P0 *)_this)->exitreq = trpt->bup.oval;
		;
		goto R999;

	case 113: // STATE 225
		;
		now.irqs_on = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 115: // STATE 227
		;
		now.mode_sb = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 117: // STATE 232
		;
		((P0 *)_this)->exitreq = trpt->bup.ovals[1];
		((P0 *)_this)->m = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 118: // STATE 234
		;
		((P0 *)_this)->exitreq = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 120: // STATE 238
		;
		((P0 *)_this)->exitreq = trpt->bup.ovals[1];
		now.req_gnsp = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		
	case 121: // STATE 241
		goto R999;

	case 122: // STATE 247
		;
	/* 0 */	((P0 *)_this)->exitreq = trpt->bup.oval;
		;
		;
		goto R999;
;
		;
		
	case 124: // STATE 249
		;
		now.mode_sb = trpt->bup.oval;
		;
		goto R999;

	case 125: // STATE 251
		;
		now.irqs_on = trpt->bup.oval;
		;
		goto R999;

	case 126: // STATE 254
		;
		now.reload_owed = trpt->bup.ovals[1];
		now.ipi = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		
	case 127: // STATE 257
		goto R999;

	case 128: // STATE 264
		;
		now.in_l2 = trpt->bup.oval;
		;
		goto R999;
;
		
	case 129: // STATE 265
		goto R999;
;
		
	case 130: // STATE 270
		goto R999;

	case 131: // STATE 272
		;
		now.in_l2 = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 133: // STATE 274
		;
		now.mode_sb = trpt->bup.oval;
		;
		goto R999;

	case 134: // STATE 276
		;
		now.irqs_on = trpt->bup.oval;
		;
		goto R999;

	case 135: // STATE 279
		;
		now.reload_owed = trpt->bup.ovals[1];
		now.ipi = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		
	case 136: // STATE 282
		goto R999;
;
		;
		
	case 138: // STATE 287
		;
		now.guest_mode = trpt->bup.oval;
		;
		goto R999;

	case 139: // STATE 292
		;
		((P0 *)_this)->done = trpt->bup.oval;
		;
		goto R999;

	case 140: // STATE 293
		;
	/* 0 */	((P0 *)_this)->done = trpt->bup.oval;
		;
		;
		goto R999;

	case 141: // STATE 298
		;
		((P0 *)_this)->ok = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 142: // STATE 303
		;
		((P0 *)_this)->done = trpt->bup.ovals[4];
		now.gpc_lock = trpt->bup.ovals[3];
		now.reload_owed = trpt->bup.ovals[2];
		now.vmcs02_pfn = trpt->bup.ovals[1];
	/* 0 */	((P0 *)_this)->ok = trpt->bup.ovals[0];
		;
		;
		ungrab_ints(trpt->bup.ovals, 5);
		goto R999;
;
		
	case 143: // STATE 307
		goto R999;

	case 144: // STATE 305
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 146: // STATE 311
		;
		((P0 *)_this)->hvachange = trpt->bup.ovals[1];
		((P0 *)_this)->err = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;
;
		;
		
	case 148: // STATE 314
		;
		now.gpc_active = trpt->bup.oval;
		;
		goto R999;

	case 149: // STATE 320
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 150: // STATE 325
		;
		((P0 *)_this)->err = trpt->bup.ovals[3];
		now.gpc_uhva = trpt->bup.ovals[2];
		((P0 *)_this)->hvachange = trpt->bup.ovals[1];
		now.gpc_gen = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 4);
		goto R999;
;
		
	case 151: // STATE 328
		goto R999;

	case 152: // STATE 330
		;
	/* 0 */	((P0 *)_this)->hvachange = trpt->bup.oval;
		;
		;
		goto R999;

	case 153: // STATE 331
		;
		now.gpc_valid = trpt->bup.oval;
		;
		goto R999;

	case 154: // STATE 332
		;
		((P0 *)_this)->seq_snap = trpt->bup.oval;
		;
		goto R999;

	case 155: // STATE 333
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 156: // STATE 334
		;
		((P0 *)_this)->newpfn = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 158: // STATE 339
		;
		((P0 *)_this)->err = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 159: // STATE 346
		;
		((P0 *)_this)->retry = trpt->bup.ovals[1];
		now.gpc_lock = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 2);
		goto R999;

	case 160: // STATE 348
		;
	/* 0 */	((P0 *)_this)->retry = trpt->bup.oval;
		;
		;
		goto R999;

	case 161: // STATE 351
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 162: // STATE 353
		;
		((P0 *)_this)->seq_snap = trpt->bup.oval;
		;
		goto R999;
;
		;
		
	case 164: // STATE 361
		;
		now.gpc_valid = trpt->bup.oval;
		;
		goto R999;

	case 165: // STATE 362
		;
		now.gpc_pfn = trpt->bup.oval;
		;
		goto R999;

	case 166: // STATE 375
		;
		now.gpc_lock = trpt->bup.ovals[2];
		now.gpc_pfn = trpt->bup.ovals[1];
		now.gpc_valid = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 167: // STATE 375
		;
		now.gpc_lock = trpt->bup.oval;
		;
		goto R999;

	case 168: // STATE 378
		;
	/* 0 */	((P0 *)_this)->err = trpt->bup.oval;
		;
		;
		goto R999;

	case 169: // STATE 382
		;
		now.gpc_pfn = trpt->bup.ovals[2];
		now.gpc_valid = trpt->bup.ovals[1];
		now.gpc_active = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 170: // STATE 388
		;
		((P0 *)_this)->done = trpt->bup.ovals[2];
		now.reload_owed = trpt->bup.ovals[1];
		now.vmcs02_pfn = trpt->bup.ovals[0];
		;
		ungrab_ints(trpt->bup.ovals, 3);
		goto R999;

	case 171: // STATE 399
		;
		now.guest_mode = trpt->bup.oval;
		;
		goto R999;
	}

