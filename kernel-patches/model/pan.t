#ifdef PEG
struct T_SRC {
	char *fl; int ln;
} T_SRC[NTRANS];

void
tr_2_src(int m, char *file, int ln)
{	T_SRC[m].fl = file;
	T_SRC[m].ln = ln;
}

void
putpeg(int n, int m)
{	printf("%5d	trans %4d ", m, n);
	printf("%s:%d\n",
		T_SRC[n].fl, T_SRC[n].ln);
}
#endif

void
settable(void)
{	Trans *T;
	Trans *settr(int, int, int, int, int, char *, int, int, int);

	trans = (Trans ***) emalloc(7*sizeof(Trans **));

	/* proctype 5: :init: */

	trans[5] = (Trans **) emalloc(4*sizeof(Trans *));

	trans[5][1]	= settr(502,0,2,3,3,"hva_pfn[0] = 1", 1, 2, 0);
	trans[5][2]	= settr(503,0,3,4,4,"hva_pfn[1] = 2", 1, 2, 0);
	trans[5][3]	= settr(504,0,0,5,5,"-end-", 0, 3500, 0);

	/* proctype 4: memslot */

	trans[4] = (Trans **) emalloc(16*sizeof(Trans *));

	trans[4][13]	= settr(499,0,12,1,0,".(goto)", 0, 2, 0);
	T = trans[4][12] = settr(498,0,0,0,0,"DO", 0, 2, 0);
	T = T->nxt	= settr(498,0,1,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(498,0,10,0,0,"DO", 0, 2, 0);
	trans[4][1]	= settr(487,0,2,6,0,"((n_slot<1))", 1, 2, 0);
	trans[4][2]	= settr(488,0,9,7,7,"n_slot = (n_slot+1)", 1, 2, 0);
	T = trans[ 4][9] = settr(495,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(495,2,6,0,0,"ATOMIC", 1, 2, 0);
	T = trans[4][6] = settr(492,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(492,2,3,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(492,2,5,0,0,"IF", 1, 2, 0);
	trans[4][3]	= settr(489,0,12,8,8,"((slot_hva!=2))", 1, 2, 0); /* m: 4 -> 12,0 */
	reached4[4] = 1;
	trans[4][4]	= settr(0,0,0,0,0,"slot_hva = (1-slot_hva)",0,0,0);
	trans[4][7]	= settr(493,0,12,9,9,".(goto)", 1, 2, 0); /* m: 8 -> 0,12 */
	reached4[8] = 1;
	trans[4][5]	= settr(491,0,12,10,10,"slot_hva = 2", 1, 2, 0); /* m: 7 -> 0,12 */
	reached4[7] = 1;
	trans[4][8]	= settr(0,0,0,0,0,"slot_gen = (slot_gen+1)",0,0,0);
	trans[4][10]	= settr(496,0,15,2,0,"else", 0, 2, 0);
	trans[4][11]	= settr(497,0,15,1,0,"goto :b9", 0, 2, 0);
	trans[4][14]	= settr(500,0,15,1,0,"break", 0, 2, 0);
	trans[4][15]	= settr(501,0,0,11,11,"-end-", 0, 3500, 0);

	/* proctype 3: mmu_notifier */

	trans[3] = (Trans **) emalloc(63*sizeof(Trans *));

	trans[3][60]	= settr(484,0,59,1,0,".(goto)", 0, 2, 0);
	T = trans[3][59] = settr(483,0,0,0,0,"DO", 0, 2, 0);
	T = T->nxt	= settr(483,0,1,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(483,0,57,0,0,"DO", 0, 2, 0);
	trans[3][1]	= settr(425,0,2,12,0,"(((n_inval<2)&&((hva_pfn[0]!=0)||(hva_pfn[1]!=0))))", 1, 2, 0);
	trans[3][2]	= settr(426,0,7,13,13,"n_inval = (n_inval+1)", 1, 2, 0);
	T = trans[3][7] = settr(431,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(431,0,3,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(431,0,5,0,0,"IF", 0, 2, 0);
	trans[3][3]	= settr(427,0,4,14,0,"((hva_pfn[0]!=0))", 1, 2, 0);
	trans[3][4]	= settr(428,0,9,15,15,"h = 0", 0, 2, 0);
	trans[3][8]	= settr(432,0,9,1,0,".(goto)", 0, 2, 0);
	trans[3][5]	= settr(429,0,6,16,0,"((hva_pfn[1]!=0))", 1, 2, 0);
	trans[3][6]	= settr(430,0,9,17,17,"h = 1", 0, 2, 0);
	trans[3][9]	= settr(433,0,10,18,18,"mn_count = (mn_count+1)", 1, 2, 0);
	trans[3][10]	= settr(434,0,20,19,19,"evict = 0", 0, 2, 0);
	T = trans[ 3][20] = settr(444,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(444,2,11,0,0,"ATOMIC", 1, 2, 0);
	trans[3][11]	= settr(435,2,17,20,20,"((!(gpc_lock)&&!(inv_sb_unlock)))", 1, 2, 0); /* m: 12 -> 17,0 */
	reached3[12] = 1;
	trans[3][12]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	T = trans[3][17] = settr(441,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(441,2,13,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(441,2,16,0,0,"IF", 1, 2, 0);
	trans[3][13]	= settr(437,4,43,21,21,"(((gpc_valid&&(gpc_pfn!=0))&&(gpc_uhva==h)))", 1, 2, 0); /* m: 14 -> 43,0 */
	reached3[14] = 1;
	trans[3][14]	= settr(0,0,0,0,0,"inv_sb_valid = 1",0,0,0);
	trans[3][15]	= settr(0,0,0,0,0,"evict = 1",0,0,0);
	trans[3][18]	= settr(442,4,43,22,22,".(goto)", 1, 2, 0); /* m: 19 -> 0,43 */
	reached3[19] = 1;
	trans[3][16]	= settr(440,2,18,2,0,"else", 1, 2, 0);
	trans[3][19]	= settr(0,0,0,0,0,"inv_sb_unlock = 1",0,0,0);
	T = trans[3][43] = settr(467,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(467,0,21,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(467,0,42,0,0,"IF", 0, 2, 0);
	trans[3][21]	= settr(445,0,29,23,23,"(evict)", 0, 2, 0);
	T = trans[ 3][29] = settr(453,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(453,2,22,0,0,"ATOMIC", 1, 2, 0);
	trans[3][22]	= settr(446,2,27,24,24,"((!(inv_sb_valid)&&!(inv_sb_unlock)))", 1, 2, 0); /* m: 23 -> 27,0 */
	reached3[23] = 1;
	trans[3][23]	= settr(0,0,0,0,0,"m = mode",0,0,0);
	T = trans[3][27] = settr(451,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(451,2,24,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(451,2,26,0,0,"IF", 1, 2, 0);
	trans[3][24]	= settr(448,4,40,25,25,"((m==1))", 1, 2, 0); /* m: 25 -> 40,0 */
	reached3[25] = 1;
	trans[3][25]	= settr(0,0,0,0,0,"mode = 2",0,0,0);
	trans[3][28]	= settr(452,0,40,26,26,".(goto)", 1, 2, 0);
	trans[3][26]	= settr(450,2,28,2,0,"else", 1, 2, 0);
	T = trans[3][40] = settr(464,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(464,0,30,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(464,0,39,0,0,"IF", 0, 2, 0);
	trans[3][30]	= settr(454,0,37,27,27,"((m!=0))", 0, 2, 0);
	T = trans[ 3][37] = settr(461,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(461,2,35,0,0,"ATOMIC", 1, 2, 0);
	T = trans[3][35] = settr(459,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(459,2,31,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(459,2,33,0,0,"IF", 1, 2, 0);
	trans[3][31]	= settr(455,4,38,28,28,"(irqs_on)", 1, 2, 0); /* m: 32 -> 38,0 */
	reached3[32] = 1;
	trans[3][32]	= settr(0,0,0,0,0,"reload_owed = 1",0,0,0);
	trans[3][36]	= settr(460,0,38,29,29,".(goto)", 1, 2, 0);
	trans[3][33]	= settr(457,2,34,2,0,"else", 1, 2, 0);
	trans[3][34]	= settr(458,4,38,30,30,"ipi = 1", 1, 2, 0); /* m: 36 -> 0,38 */
	reached3[36] = 1;
	trans[3][38]	= settr(462,0,45,31,0,"((ipi==0))", 1, 2, 0);
	trans[3][41]	= settr(465,0,45,1,0,".(goto)", 0, 2, 0);
	trans[3][39]	= settr(463,0,45,2,0,"else", 0, 2, 0);
	trans[3][44]	= settr(468,0,45,1,0,".(goto)", 0, 2, 0);
	trans[3][42]	= settr(466,0,45,2,0,"else", 0, 2, 0);
	trans[3][45]	= settr(469,0,54,32,0,"((!(inv_sb_valid)&&!(inv_sb_unlock)))", 1, 2, 0);
	T = trans[ 3][54] = settr(478,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(478,2,46,0,0,"ATOMIC", 1, 2, 0);
	trans[3][46]	= settr(470,2,50,33,33,"old = hva_pfn[h]", 1, 2, 0);
	T = trans[3][50] = settr(474,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(474,2,47,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(474,2,49,0,0,"IF", 1, 2, 0);
	trans[3][47]	= settr(471,4,55,34,34,"hva_pfn[h] = next_pfn", 1, 2, 0); /* m: 48 -> 0,55 */
	reached3[48] = 1;
	trans[3][48]	= settr(0,0,0,0,0,"next_pfn = (next_pfn+1)",0,0,0);
	trans[3][51]	= settr(475,2,52,1,0,".(goto)", 1, 2, 0); /* m: 52 -> 0,55 */
	reached3[52] = 1;
	trans[3][49]	= settr(473,4,55,35,35,"hva_pfn[h] = 0", 1, 2, 0); /* m: 52 -> 0,55 */
	reached3[52] = 1;
	trans[3][52]	= settr(476,4,55,36,36,"freed[old] = 1", 1, 2, 0); /* m: 53 -> 0,55 */
	reached3[53] = 1;
	trans[3][53]	= settr(0,0,0,0,0,"assert(!((in_l2&&(vmcs02_pfn==old))))",0,0,0);
	trans[3][55]	= settr(479,0,56,37,37,"mmu_seq = (mmu_seq+1)", 1, 2, 0);
	trans[3][56]	= settr(480,0,59,38,38,"mn_count = (mn_count-1)", 1, 2, 0);
	trans[3][57]	= settr(481,0,62,2,0,"else", 0, 2, 0);
	trans[3][58]	= settr(482,0,62,1,0,"goto :b8", 0, 2, 0);
	trans[3][61]	= settr(485,0,62,1,0,"break", 0, 2, 0);
	trans[3][62]	= settr(486,0,0,39,39,"-end-", 0, 3500, 0);

	/* proctype 2: notifier_store_buffer */

	trans[2] = (Trans **) emalloc(13*sizeof(Trans *));

	trans[2][10]	= settr(422,0,9,1,0,".(goto)", 0, 2, 0);
	T = trans[2][9] = settr(421,0,0,0,0,"DO", 0, 2, 0);
	T = T->nxt	= settr(421,0,4,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(421,0,8,0,0,"DO", 0, 2, 0);
	T = trans[ 2][4] = settr(416,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(416,2,1,0,0,"ATOMIC", 1, 2, 0);
	trans[2][1]	= settr(413,0,9,40,40,"(inv_sb_valid)", 1, 2, 0); /* m: 2 -> 9,0 */
	reached2[2] = 1;
	trans[2][2]	= settr(0,0,0,0,0,"gpc_valid = 0",0,0,0);
	trans[2][3]	= settr(0,0,0,0,0,"inv_sb_valid = 0",0,0,0);
	T = trans[ 2][8] = settr(420,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(420,2,5,0,0,"ATOMIC", 1, 2, 0);
	trans[2][5]	= settr(417,0,9,41,41,"((!(inv_sb_valid)&&inv_sb_unlock))", 1, 2, 0); /* m: 6 -> 9,0 */
	reached2[6] = 1;
	trans[2][6]	= settr(0,0,0,0,0,"gpc_lock = 0",0,0,0);
	trans[2][7]	= settr(0,0,0,0,0,"inv_sb_unlock = 0",0,0,0);
	trans[2][11]	= settr(423,0,12,1,0,"break", 0, 2, 0);
	trans[2][12]	= settr(424,0,0,42,42,"-end-", 0, 3500, 0);

	/* proctype 1: vcpu_store_buffer */

	trans[1] = (Trans **) emalloc(9*sizeof(Trans *));

	trans[1][6]	= settr(410,0,5,1,0,".(goto)", 0, 2, 0);
	T = trans[1][5] = settr(409,0,0,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(409,0,4,0,0,"DO", 0, 2, 0);
	T = trans[ 1][4] = settr(408,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(408,2,1,0,0,"ATOMIC", 1, 2, 0);
	trans[1][1]	= settr(405,0,5,43,43,"((mode_sb!=255))", 1, 2, 0); /* m: 2 -> 5,0 */
	reached1[2] = 1;
	trans[1][2]	= settr(0,0,0,0,0,"mode = mode_sb",0,0,0);
	trans[1][3]	= settr(0,0,0,0,0,"mode_sb = 255",0,0,0);
	trans[1][7]	= settr(411,0,8,1,0,"break", 0, 2, 0);
	trans[1][8]	= settr(412,0,0,44,44,"-end-", 0, 3500, 0);

	/* proctype 0: vcpu */

	trans[0] = (Trans **) emalloc(406*sizeof(Trans *));

	T = trans[ 0][107] = settr(106,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(106,0,1,0,0,"sub-sequence", 0, 2, 0);
	trans[0][1]	= settr(0,0,104,45,45,"done = 0", 0, 2, 0);
	trans[0][105]	= settr(104,0,104,1,0,".(goto)", 0, 2, 0);
	T = trans[0][104] = settr(103,0,0,0,0,"DO", 0, 2, 0);
	T = T->nxt	= settr(103,0,2,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(103,0,4,0,0,"DO", 0, 2, 0);
	trans[0][2]	= settr(1,0,222,46,46,"(done)", 0, 2, 0);
	trans[0][3]	= settr(2,0,222,1,0,"goto :b0", 0, 2, 0);
	trans[0][4]	= settr(3,0,17,2,0,"else", 0, 2, 0);
	T = trans[ 0][17] = settr(16,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(16,2,5,0,0,"ATOMIC", 1, 2, 0);
	trans[0][5]	= settr(4,2,15,47,47,"(!(gpc_lock))", 1, 2, 0); /* m: 6 -> 15,0 */
	reached0[6] = 1;
	trans[0][6]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][7]	= settr(0,0,0,0,0,"ok = (((gpc_active&&(gpc_gen==slot_gen))&&(gpc_uhva!=2))&&gpc_valid)",0,0,0);
	T = trans[0][15] = settr(14,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(14,2,8,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(14,2,13,0,0,"IF", 1, 2, 0);
	trans[0][8]	= settr(7,4,102,48,48,"(ok)", 1, 2, 0); /* m: 9 -> 102,0 */
	reached0[9] = 1;
	trans[0][9]	= settr(0,0,0,0,0,"vmcs02_pfn = gpc_pfn",0,0,0);
	trans[0][10]	= settr(0,0,0,0,0,"reload_owed = 0",0,0,0);
	trans[0][11]	= settr(0,0,0,0,0,"gpc_lock = 0",0,0,0);
	trans[0][12]	= settr(0,0,0,0,0,"done = 1",0,0,0);
	trans[0][16]	= settr(15,0,102,49,49,".(goto)", 1, 2, 0);
	trans[0][13]	= settr(12,2,14,2,0,"else", 1, 2, 0);
	trans[0][14]	= settr(13,4,102,50,50,"gpc_lock = 0", 1, 2, 0); /* m: 16 -> 0,102 */
	reached0[16] = 1;
	T = trans[0][102] = settr(101,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(101,0,18,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(101,0,101,0,0,"IF", 0, 2, 0);
	trans[0][18]	= settr(17,0,86,51,0,"(!(done))", 0, 2, 0);
	T = trans[ 0][86] = settr(85,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(85,0,19,0,0,"sub-sequence", 0, 2, 0);
	trans[0][19]	= settr(18,0,26,52,52,"err = 0", 0, 2, 0); /* m: 20 -> 0,26 */
	reached0[20] = 1;
	trans[0][20]	= settr(0,0,0,0,0,"hvachange = 0",0,0,0);
	T = trans[0][26] = settr(25,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(25,0,21,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(25,0,25,0,0,"IF", 0, 2, 0);
	trans[0][21]	= settr(20,0,24,53,0,"(!(gpc_active))", 1, 2, 0);
	T = trans[ 0][24] = settr(23,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(23,2,22,0,0,"ATOMIC", 1, 2, 0);
	trans[0][22]	= settr(21,0,38,54,54,"(!(gpc_lock))", 1, 2, 0); /* m: 23 -> 38,0 */
	reached0[23] = 1;
	trans[0][23]	= settr(0,0,0,0,0,"gpc_active = 1",0,0,0);
	trans[0][27]	= settr(26,0,38,1,0,".(goto)", 0, 2, 0);
	trans[0][25]	= settr(24,0,38,2,0,"else", 0, 2, 0);
	T = trans[ 0][38] = settr(37,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(37,2,28,0,0,"ATOMIC", 1, 2, 0);
	trans[0][28]	= settr(27,2,36,55,55,"(!(gpc_lock))", 1, 2, 0); /* m: 29 -> 36,0 */
	reached0[29] = 1;
	trans[0][29]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	T = trans[0][36] = settr(35,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(35,2,30,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(35,2,35,0,0,"IF", 1, 2, 0);
	trans[0][30]	= settr(29,4,76,56,56,"(((gpc_gen!=slot_gen)||(gpc_uhva==2)))", 1, 2, 0); /* m: 31 -> 76,0 */
	reached0[31] = 1;
	trans[0][31]	= settr(0,0,0,0,0,"gpc_gen = slot_gen",0,0,0);
	trans[0][32]	= settr(0,0,0,0,0,"hvachange = (gpc_uhva!=slot_hva)",0,0,0);
	trans[0][33]	= settr(0,0,0,0,0,"gpc_uhva = slot_hva",0,0,0);
	trans[0][34]	= settr(0,0,0,0,0,"err = (gpc_uhva==2)",0,0,0);
	trans[0][37]	= settr(36,0,76,57,57,".(goto)", 1, 2, 0);
	trans[0][35]	= settr(34,2,37,2,0,"else", 1, 2, 0);
	T = trans[0][76] = settr(75,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(75,0,39,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(75,0,75,0,0,"IF", 0, 2, 0);
	trans[0][39]	= settr(38,0,40,58,58,"((!(err)&&(!(gpc_valid)||hvachange)))", 1, 2, 0);
	trans[0][40]	= settr(39,0,41,59,59,"gpc_valid = 0", 1, 2, 0);
	trans[0][41]	= settr(40,0,42,60,60,"seq_snap = mmu_seq", 1, 2, 0);
	trans[0][42]	= settr(41,0,66,61,61,"gpc_lock = 0", 1, 2, 0);
	trans[0][67]	= settr(66,0,66,1,0,".(goto)", 0, 2, 0);
	T = trans[0][66] = settr(65,0,0,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(65,0,43,0,0,"DO", 0, 2, 0);
	trans[0][43]	= settr(42,0,51,62,62,"newpfn = hva_pfn[gpc_uhva]", 1, 2, 0);
	T = trans[0][51] = settr(50,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(50,0,44,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(50,0,50,0,0,"IF", 0, 2, 0);
	trans[0][44]	= settr(43,0,47,63,0,"((newpfn==0))", 0, 2, 0);
	T = trans[ 0][47] = settr(46,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(46,2,45,0,0,"ATOMIC", 1, 2, 0);
	trans[0][45]	= settr(44,0,73,64,64,"(!(gpc_lock))", 1, 2, 0); /* m: 46 -> 73,0 */
	reached0[46] = 1;
	trans[0][46]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][48]	= settr(0,0,0,0,0,"err = 1",0,0,0);
	trans[0][49]	= settr(48,0,73,1,0,"goto :b1", 0, 2, 0);
	trans[0][52]	= settr(51,0,56,1,0,".(goto)", 0, 2, 0);
	trans[0][50]	= settr(49,0,56,2,0,"else", 0, 2, 0);
	T = trans[ 0][56] = settr(55,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(55,2,53,0,0,"ATOMIC", 1, 2, 0);
	trans[0][53]	= settr(52,4,64,65,65,"(!(gpc_lock))", 1, 2, 0); /* m: 54 -> 64,0 */
	reached0[54] = 1;
	trans[0][54]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][55]	= settr(0,0,0,0,0,"retry = ((mn_count!=0)||(mmu_seq!=seq_snap))",0,0,0);
	T = trans[0][64] = settr(63,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(63,0,57,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(63,0,59,0,0,"IF", 0, 2, 0);
	trans[0][57]	= settr(56,0,73,66,66,"(!(retry))", 0, 2, 0);
	trans[0][58]	= settr(57,0,73,1,0,"goto :b1", 0, 2, 0);
	trans[0][65]	= settr(64,0,66,1,0,".(goto)", 0, 2, 0);
	trans[0][59]	= settr(58,0,60,2,0,"else", 0, 2, 0);
	trans[0][60]	= settr(59,0,63,67,67,"gpc_lock = 0", 1, 2, 0);
	T = trans[ 0][63] = settr(62,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(62,2,61,0,0,"ATOMIC", 1, 2, 0);
	trans[0][61]	= settr(60,0,66,68,68,"((mn_count==0))", 1, 2, 0); /* m: 62 -> 66,0 */
	reached0[62] = 1;
	trans[0][62]	= settr(0,0,0,0,0,"seq_snap = mmu_seq",0,0,0);
	trans[0][68]	= settr(67,0,73,1,0,"break", 0, 2, 0);
	T = trans[0][73] = settr(72,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(72,0,69,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(72,0,72,0,0,"IF", 0, 2, 0);
	trans[0][69]	= settr(68,0,70,69,0,"(!(err))", 0, 2, 0);
	trans[0][70]	= settr(69,0,71,70,70,"gpc_valid = 1", 1, 2, 0);
	trans[0][71]	= settr(70,0,85,71,71,"gpc_pfn = newpfn", 1, 2, 0);
	trans[0][74]	= settr(73,0,85,1,0,".(goto)", 0, 2, 0);
	trans[0][72]	= settr(71,0,85,2,0,"else", 0, 2, 0);
	trans[0][77]	= settr(76,0,85,1,0,".(goto)", 0, 2, 0);
	trans[0][75]	= settr(74,0,85,2,0,"else", 0, 2, 0);
	T = trans[ 0][85] = settr(84,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(84,2,82,0,0,"ATOMIC", 1, 2, 0);
	T = trans[0][82] = settr(81,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(81,2,78,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(81,2,81,0,0,"IF", 1, 2, 0);
	trans[0][78]	= settr(77,4,99,72,72,"(err)", 1, 2, 0); /* m: 79 -> 99,0 */
	reached0[79] = 1;
	trans[0][79]	= settr(0,0,0,0,0,"gpc_valid = 0",0,0,0);
	trans[0][80]	= settr(0,0,0,0,0,"gpc_pfn = 0",0,0,0);
	trans[0][83]	= settr(82,4,99,73,73,".(goto)", 1, 2, 0); /* m: 84 -> 0,99 */
	reached0[84] = 1;
	trans[0][81]	= settr(80,2,83,2,0,"else", 1, 2, 0);
	trans[0][84]	= settr(0,0,0,0,0,"gpc_lock = 0",0,0,0);
	T = trans[0][99] = settr(98,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(98,0,87,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(98,0,98,0,0,"IF", 0, 2, 0);
	trans[0][87]	= settr(86,0,93,74,74,"(err)", 0, 2, 0);
	T = trans[ 0][93] = settr(92,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(92,0,92,0,0,"sub-sequence", 0, 2, 0);
	T = trans[ 0][92] = settr(91,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(91,2,88,0,0,"ATOMIC", 1, 2, 0);
	trans[0][88]	= settr(87,4,96,75,75,"(!(gpc_lock))", 1, 2, 0); /* m: 89 -> 96,0 */
	reached0[89] = 1;
	trans[0][89]	= settr(0,0,0,0,0,"gpc_active = 0",0,0,0);
	trans[0][90]	= settr(0,0,0,0,0,"gpc_valid = 0",0,0,0);
	trans[0][91]	= settr(0,0,0,0,0,"gpc_pfn = 0",0,0,0);
	T = trans[ 0][96] = settr(95,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(95,2,94,0,0,"ATOMIC", 1, 2, 0);
	trans[0][94]	= settr(93,0,104,76,76,"vmcs02_pfn = 0", 1, 2, 0); /* m: 95 -> 0,104 */
	reached0[95] = 1;
	trans[0][95]	= settr(0,0,0,0,0,"reload_owed = 0",0,0,0);
	trans[0][97]	= settr(0,0,0,0,0,"done = 1",0,0,0);
	trans[0][100]	= settr(99,0,104,1,0,".(goto)", 0, 2, 0);
	trans[0][98]	= settr(97,0,104,2,0,"else", 0, 2, 0);
	trans[0][103]	= settr(102,0,104,1,0,".(goto)", 0, 2, 0);
	trans[0][101]	= settr(100,0,104,2,0,"else", 0, 2, 0);
	trans[0][106]	= settr(105,0,222,1,0,"break", 0, 2, 0);
	T = trans[0][222] = settr(221,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(221,0,108,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(221,0,221,0,0,"IF", 0, 2, 0);
	trans[0][108]	= settr(107,0,109,77,0,"(req_gnsp)", 1, 2, 0);
	trans[0][109]	= settr(108,0,219,78,78,"req_gnsp = 0", 1, 2, 0);
	T = trans[0][219] = settr(218,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(218,0,110,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(218,0,218,0,0,"IF", 0, 2, 0);
	trans[0][110]	= settr(109,0,217,79,0,"(guest_mode)", 1, 2, 0);
	T = trans[ 0][217] = settr(216,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(216,0,111,0,0,"sub-sequence", 0, 2, 0);
	trans[0][111]	= settr(110,0,214,80,80,"done = 0", 0, 2, 0);
	trans[0][215]	= settr(214,0,214,1,0,".(goto)", 0, 2, 0);
	T = trans[0][214] = settr(213,0,0,0,0,"DO", 0, 2, 0);
	T = T->nxt	= settr(213,0,112,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(213,0,114,0,0,"DO", 0, 2, 0);
	trans[0][112]	= settr(111,0,225,81,81,"(done)", 0, 2, 0); /* m: 224 -> 225,0 */
	reached0[224] = 1;
	trans[0][113]	= settr(112,0,224,1,0,"goto :b2", 0, 2, 0); /* m: 224 -> 0,225 */
	reached0[224] = 1;
	trans[0][114]	= settr(113,0,127,2,0,"else", 0, 2, 0);
	T = trans[ 0][127] = settr(126,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(126,2,115,0,0,"ATOMIC", 1, 2, 0);
	trans[0][115]	= settr(114,2,125,82,82,"(!(gpc_lock))", 1, 2, 0); /* m: 116 -> 125,0 */
	reached0[116] = 1;
	trans[0][116]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][117]	= settr(0,0,0,0,0,"ok = (((gpc_active&&(gpc_gen==slot_gen))&&(gpc_uhva!=2))&&gpc_valid)",0,0,0);
	T = trans[0][125] = settr(124,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(124,2,118,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(124,2,123,0,0,"IF", 1, 2, 0);
	trans[0][118]	= settr(117,4,212,83,83,"(ok)", 1, 2, 0); /* m: 119 -> 212,0 */
	reached0[119] = 1;
	trans[0][119]	= settr(0,0,0,0,0,"vmcs02_pfn = gpc_pfn",0,0,0);
	trans[0][120]	= settr(0,0,0,0,0,"reload_owed = 0",0,0,0);
	trans[0][121]	= settr(0,0,0,0,0,"gpc_lock = 0",0,0,0);
	trans[0][122]	= settr(0,0,0,0,0,"done = 1",0,0,0);
	trans[0][126]	= settr(125,0,212,84,84,".(goto)", 1, 2, 0);
	trans[0][123]	= settr(122,2,124,2,0,"else", 1, 2, 0);
	trans[0][124]	= settr(123,4,212,85,85,"gpc_lock = 0", 1, 2, 0); /* m: 126 -> 0,212 */
	reached0[126] = 1;
	T = trans[0][212] = settr(211,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(211,0,128,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(211,0,211,0,0,"IF", 0, 2, 0);
	trans[0][128]	= settr(127,0,196,86,0,"(!(done))", 0, 2, 0);
	T = trans[ 0][196] = settr(195,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(195,0,129,0,0,"sub-sequence", 0, 2, 0);
	trans[0][129]	= settr(128,0,136,87,87,"err = 0", 0, 2, 0); /* m: 130 -> 0,136 */
	reached0[130] = 1;
	trans[0][130]	= settr(0,0,0,0,0,"hvachange = 0",0,0,0);
	T = trans[0][136] = settr(135,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(135,0,131,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(135,0,135,0,0,"IF", 0, 2, 0);
	trans[0][131]	= settr(130,0,134,88,0,"(!(gpc_active))", 1, 2, 0);
	T = trans[ 0][134] = settr(133,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(133,2,132,0,0,"ATOMIC", 1, 2, 0);
	trans[0][132]	= settr(131,0,148,89,89,"(!(gpc_lock))", 1, 2, 0); /* m: 133 -> 148,0 */
	reached0[133] = 1;
	trans[0][133]	= settr(0,0,0,0,0,"gpc_active = 1",0,0,0);
	trans[0][137]	= settr(136,0,148,1,0,".(goto)", 0, 2, 0);
	trans[0][135]	= settr(134,0,148,2,0,"else", 0, 2, 0);
	T = trans[ 0][148] = settr(147,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(147,2,138,0,0,"ATOMIC", 1, 2, 0);
	trans[0][138]	= settr(137,2,146,90,90,"(!(gpc_lock))", 1, 2, 0); /* m: 139 -> 146,0 */
	reached0[139] = 1;
	trans[0][139]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	T = trans[0][146] = settr(145,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(145,2,140,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(145,2,145,0,0,"IF", 1, 2, 0);
	trans[0][140]	= settr(139,4,186,91,91,"(((gpc_gen!=slot_gen)||(gpc_uhva==2)))", 1, 2, 0); /* m: 141 -> 186,0 */
	reached0[141] = 1;
	trans[0][141]	= settr(0,0,0,0,0,"gpc_gen = slot_gen",0,0,0);
	trans[0][142]	= settr(0,0,0,0,0,"hvachange = (gpc_uhva!=slot_hva)",0,0,0);
	trans[0][143]	= settr(0,0,0,0,0,"gpc_uhva = slot_hva",0,0,0);
	trans[0][144]	= settr(0,0,0,0,0,"err = (gpc_uhva==2)",0,0,0);
	trans[0][147]	= settr(146,0,186,92,92,".(goto)", 1, 2, 0);
	trans[0][145]	= settr(144,2,147,2,0,"else", 1, 2, 0);
	T = trans[0][186] = settr(185,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(185,0,149,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(185,0,185,0,0,"IF", 0, 2, 0);
	trans[0][149]	= settr(148,0,150,93,93,"((!(err)&&(!(gpc_valid)||hvachange)))", 1, 2, 0);
	trans[0][150]	= settr(149,0,151,94,94,"gpc_valid = 0", 1, 2, 0);
	trans[0][151]	= settr(150,0,152,95,95,"seq_snap = mmu_seq", 1, 2, 0);
	trans[0][152]	= settr(151,0,176,96,96,"gpc_lock = 0", 1, 2, 0);
	trans[0][177]	= settr(176,0,176,1,0,".(goto)", 0, 2, 0);
	T = trans[0][176] = settr(175,0,0,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(175,0,153,0,0,"DO", 0, 2, 0);
	trans[0][153]	= settr(152,0,161,97,97,"newpfn = hva_pfn[gpc_uhva]", 1, 2, 0);
	T = trans[0][161] = settr(160,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(160,0,154,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(160,0,160,0,0,"IF", 0, 2, 0);
	trans[0][154]	= settr(153,0,157,98,0,"((newpfn==0))", 0, 2, 0);
	T = trans[ 0][157] = settr(156,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(156,2,155,0,0,"ATOMIC", 1, 2, 0);
	trans[0][155]	= settr(154,0,183,99,99,"(!(gpc_lock))", 1, 2, 0); /* m: 156 -> 183,0 */
	reached0[156] = 1;
	trans[0][156]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][158]	= settr(0,0,0,0,0,"err = 1",0,0,0);
	trans[0][159]	= settr(158,0,183,1,0,"goto :b3", 0, 2, 0);
	trans[0][162]	= settr(161,0,166,1,0,".(goto)", 0, 2, 0);
	trans[0][160]	= settr(159,0,166,2,0,"else", 0, 2, 0);
	T = trans[ 0][166] = settr(165,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(165,2,163,0,0,"ATOMIC", 1, 2, 0);
	trans[0][163]	= settr(162,4,174,100,100,"(!(gpc_lock))", 1, 2, 0); /* m: 164 -> 174,0 */
	reached0[164] = 1;
	trans[0][164]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][165]	= settr(0,0,0,0,0,"retry = ((mn_count!=0)||(mmu_seq!=seq_snap))",0,0,0);
	T = trans[0][174] = settr(173,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(173,0,167,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(173,0,169,0,0,"IF", 0, 2, 0);
	trans[0][167]	= settr(166,0,183,101,101,"(!(retry))", 0, 2, 0);
	trans[0][168]	= settr(167,0,183,1,0,"goto :b3", 0, 2, 0);
	trans[0][175]	= settr(174,0,176,1,0,".(goto)", 0, 2, 0);
	trans[0][169]	= settr(168,0,170,2,0,"else", 0, 2, 0);
	trans[0][170]	= settr(169,0,173,102,102,"gpc_lock = 0", 1, 2, 0);
	T = trans[ 0][173] = settr(172,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(172,2,171,0,0,"ATOMIC", 1, 2, 0);
	trans[0][171]	= settr(170,0,176,103,103,"((mn_count==0))", 1, 2, 0); /* m: 172 -> 176,0 */
	reached0[172] = 1;
	trans[0][172]	= settr(0,0,0,0,0,"seq_snap = mmu_seq",0,0,0);
	trans[0][178]	= settr(177,0,183,1,0,"break", 0, 2, 0);
	T = trans[0][183] = settr(182,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(182,0,179,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(182,0,182,0,0,"IF", 0, 2, 0);
	trans[0][179]	= settr(178,0,180,104,0,"(!(err))", 0, 2, 0);
	trans[0][180]	= settr(179,0,181,105,105,"gpc_valid = 1", 1, 2, 0);
	trans[0][181]	= settr(180,0,195,106,106,"gpc_pfn = newpfn", 1, 2, 0);
	trans[0][184]	= settr(183,0,195,1,0,".(goto)", 0, 2, 0);
	trans[0][182]	= settr(181,0,195,2,0,"else", 0, 2, 0);
	trans[0][187]	= settr(186,0,195,1,0,".(goto)", 0, 2, 0);
	trans[0][185]	= settr(184,0,195,2,0,"else", 0, 2, 0);
	T = trans[ 0][195] = settr(194,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(194,2,192,0,0,"ATOMIC", 1, 2, 0);
	T = trans[0][192] = settr(191,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(191,2,188,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(191,2,191,0,0,"IF", 1, 2, 0);
	trans[0][188]	= settr(187,4,209,107,107,"(err)", 1, 2, 0); /* m: 189 -> 209,0 */
	reached0[189] = 1;
	trans[0][189]	= settr(0,0,0,0,0,"gpc_valid = 0",0,0,0);
	trans[0][190]	= settr(0,0,0,0,0,"gpc_pfn = 0",0,0,0);
	trans[0][193]	= settr(192,4,209,108,108,".(goto)", 1, 2, 0); /* m: 194 -> 0,209 */
	reached0[194] = 1;
	trans[0][191]	= settr(190,2,193,2,0,"else", 1, 2, 0);
	trans[0][194]	= settr(0,0,0,0,0,"gpc_lock = 0",0,0,0);
	T = trans[0][209] = settr(208,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(208,0,197,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(208,0,208,0,0,"IF", 0, 2, 0);
	trans[0][197]	= settr(196,0,203,109,109,"(err)", 0, 2, 0);
	T = trans[ 0][203] = settr(202,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(202,0,202,0,0,"sub-sequence", 0, 2, 0);
	T = trans[ 0][202] = settr(201,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(201,2,198,0,0,"ATOMIC", 1, 2, 0);
	trans[0][198]	= settr(197,4,206,110,110,"(!(gpc_lock))", 1, 2, 0); /* m: 199 -> 206,0 */
	reached0[199] = 1;
	trans[0][199]	= settr(0,0,0,0,0,"gpc_active = 0",0,0,0);
	trans[0][200]	= settr(0,0,0,0,0,"gpc_valid = 0",0,0,0);
	trans[0][201]	= settr(0,0,0,0,0,"gpc_pfn = 0",0,0,0);
	T = trans[ 0][206] = settr(205,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(205,2,204,0,0,"ATOMIC", 1, 2, 0);
	trans[0][204]	= settr(203,0,214,111,111,"vmcs02_pfn = 0", 1, 2, 0); /* m: 205 -> 0,214 */
	reached0[205] = 1;
	trans[0][205]	= settr(0,0,0,0,0,"reload_owed = 0",0,0,0);
	trans[0][207]	= settr(0,0,0,0,0,"done = 1",0,0,0);
	trans[0][210]	= settr(209,0,214,1,0,".(goto)", 0, 2, 0);
	trans[0][208]	= settr(207,0,214,2,0,"else", 0, 2, 0);
	trans[0][213]	= settr(212,0,214,1,0,".(goto)", 0, 2, 0);
	trans[0][211]	= settr(210,0,214,2,0,"else", 0, 2, 0);
	trans[0][216]	= settr(215,0,224,1,0,"break", 0, 2, 0);
	trans[0][220]	= settr(219,0,224,1,0,".(goto)", 0, 2, 0); /* m: 224 -> 0,225 */
	reached0[224] = 1;
	trans[0][218]	= settr(217,0,224,2,0,"else", 0, 2, 0);
	trans[0][223]	= settr(222,0,224,1,0,".(goto)", 0, 2, 0); /* m: 224 -> 0,225 */
	reached0[224] = 1;
	trans[0][221]	= settr(220,0,224,2,0,"else", 0, 2, 0);
	trans[0][224]	= settr(223,0,225,112,112,"exitreq = 0", 0, 2, 0);
	trans[0][225]	= settr(224,0,228,113,113,"irqs_on = 0", 1, 2, 0);
	T = trans[ 0][228] = settr(227,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(227,0,226,0,0,"sub-sequence", 0, 2, 0);
	trans[0][226]	= settr(225,0,227,114,0,"((mode_sb==255))", 1, 2, 0);
	trans[0][227]	= settr(226,0,230,115,115,"mode_sb = 1", 1, 2, 0);
	T = trans[ 0][230] = settr(229,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(229,0,229,0,0,"sub-sequence", 0, 2, 0);
	trans[0][229]	= settr(228,0,233,116,0,"((mode_sb==255))", 1, 2, 0);
	T = trans[ 0][233] = settr(232,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(232,2,231,0,0,"ATOMIC", 1, 2, 0);
	trans[0][231]	= settr(230,4,234,117,117,"m = ( ((mode_sb!=255)) -> (mode_sb) : (mode) )", 1, 2, 0); /* m: 232 -> 0,234 */
	reached0[232] = 1;
	trans[0][232]	= settr(0,0,0,0,0,"exitreq = (exitreq||(m==2))",0,0,0);
	trans[0][234]	= settr(233,0,245,118,118,"exitreq = (exitreq||req_gnsp)", 1, 2, 0);
	T = trans[0][245] = settr(244,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(244,0,235,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(244,0,244,0,0,"IF", 0, 2, 0);
	trans[0][235]	= settr(234,0,243,119,0,"(guest_mode)", 1, 2, 0);
	T = trans[ 0][243] = settr(242,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(242,0,242,0,0,"sub-sequence", 0, 2, 0);
	T = trans[ 0][242] = settr(241,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(241,2,240,0,0,"ATOMIC", 1, 2, 0);
	T = trans[0][240] = settr(239,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(239,2,236,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(239,2,239,0,0,"IF", 1, 2, 0);
	trans[0][236]	= settr(235,0,262,120,120,"((gpc_active&&!(gpc_valid)))", 1, 2, 0); /* m: 237 -> 262,0 */
	reached0[237] = 1;
	trans[0][237]	= settr(0,0,0,0,0,"req_gnsp = 1",0,0,0);
	trans[0][238]	= settr(0,0,0,0,0,"exitreq = 1",0,0,0);
	trans[0][241]	= settr(240,0,262,121,121,".(goto)", 1, 2, 0);
	trans[0][239]	= settr(238,2,241,2,0,"else", 1, 2, 0);
	trans[0][246]	= settr(245,0,262,1,0,".(goto)", 0, 2, 0);
	trans[0][244]	= settr(243,0,262,2,0,"else", 0, 2, 0);
	T = trans[0][262] = settr(261,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(261,0,247,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(261,0,261,0,0,"IF", 0, 2, 0);
	trans[0][247]	= settr(246,0,250,122,122,"(exitreq)", 0, 2, 0);
	T = trans[ 0][250] = settr(249,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(249,0,248,0,0,"sub-sequence", 0, 2, 0);
	trans[0][248]	= settr(247,0,249,123,0,"((mode_sb==255))", 1, 2, 0);
	trans[0][249]	= settr(248,0,259,124,124,"mode_sb = 0", 1, 2, 0);
	T = trans[ 0][259] = settr(258,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(258,0,258,0,0,"sub-sequence", 0, 2, 0);
	T = trans[ 0][258] = settr(257,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(257,2,251,0,0,"ATOMIC", 1, 2, 0);
	trans[0][251]	= settr(250,2,256,125,125,"irqs_on = 1", 1, 2, 0);
	T = trans[0][256] = settr(255,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(255,2,252,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(255,2,255,0,0,"IF", 1, 2, 0);
	trans[0][252]	= settr(251,0,222,126,126,"(ipi)", 1, 2, 0); /* m: 253 -> 222,0 */
	reached0[253] = 1;
	trans[0][253]	= settr(0,0,0,0,0,"ipi = 0",0,0,0);
	trans[0][254]	= settr(0,0,0,0,0,"reload_owed = 1",0,0,0);
	trans[0][257]	= settr(256,0,222,127,127,".(goto)", 1, 2, 0);
	trans[0][255]	= settr(254,2,257,2,0,"else", 1, 2, 0);
	trans[0][260]	= settr(259,0,222,1,0,"goto loop", 0, 2, 0);
	trans[0][263]	= settr(262,0,271,1,0,".(goto)", 0, 2, 0);
	trans[0][261]	= settr(260,0,271,2,0,"else", 0, 2, 0);
	T = trans[ 0][271] = settr(270,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(270,2,264,0,0,"ATOMIC", 1, 2, 0);
	trans[0][264]	= settr(263,2,269,128,128,"in_l2 = guest_mode", 1, 2, 0);
	T = trans[0][269] = settr(268,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(268,2,265,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(268,2,268,0,0,"IF", 1, 2, 0);
	trans[0][265]	= settr(264,4,272,129,129,"(guest_mode)", 1, 2, 0); /* m: 266 -> 272,0 */
	reached0[266] = 1;
	trans[0][266]	= settr(0,0,0,0,0,"assert(((vmcs02_pfn==0)||!(freed[vmcs02_pfn])))",0,0,0);
	trans[0][267]	= settr(0,0,0,0,0,"assert(!(reload_owed))",0,0,0);
	trans[0][270]	= settr(269,0,272,130,130,".(goto)", 1, 2, 0);
	trans[0][268]	= settr(267,2,270,2,0,"else", 1, 2, 0);
	trans[0][272]	= settr(271,0,275,131,131,"in_l2 = 0", 1, 2, 0);
	T = trans[ 0][275] = settr(274,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(274,0,273,0,0,"sub-sequence", 0, 2, 0);
	trans[0][273]	= settr(272,0,274,132,0,"((mode_sb==255))", 1, 2, 0);
	trans[0][274]	= settr(273,0,284,133,133,"mode_sb = 0", 1, 2, 0);
	T = trans[ 0][284] = settr(283,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(283,0,283,0,0,"sub-sequence", 0, 2, 0);
	T = trans[ 0][283] = settr(282,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(282,2,276,0,0,"ATOMIC", 1, 2, 0);
	trans[0][276]	= settr(275,2,281,134,134,"irqs_on = 1", 1, 2, 0);
	T = trans[0][281] = settr(280,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(280,2,277,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(280,2,280,0,0,"IF", 1, 2, 0);
	trans[0][277]	= settr(276,4,402,135,135,"(ipi)", 1, 2, 0); /* m: 278 -> 402,0 */
	reached0[278] = 1;
	trans[0][278]	= settr(0,0,0,0,0,"ipi = 0",0,0,0);
	trans[0][279]	= settr(0,0,0,0,0,"reload_owed = 1",0,0,0);
	trans[0][282]	= settr(281,0,402,136,136,".(goto)", 1, 2, 0);
	trans[0][280]	= settr(279,2,282,2,0,"else", 1, 2, 0);
	T = trans[0][402] = settr(401,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(401,0,285,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(401,0,290,0,0,"IF", 0, 2, 0);
	trans[0][285]	= settr(284,0,288,137,0,"(guest_mode)", 1, 2, 0);
	T = trans[0][288] = settr(287,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(287,0,286,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(287,0,287,0,0,"IF", 0, 2, 0);
	trans[0][286]	= settr(285,0,222,1,0,"(1)", 0, 2, 0);
	trans[0][289]	= settr(288,0,222,1,0,".(goto)", 0, 2, 0);
	trans[0][287]	= settr(286,0,222,138,138,"guest_mode = 0", 1, 2, 0);
	trans[0][403]	= settr(402,0,222,1,0,".(goto)", 0, 2, 0);
	trans[0][290]	= settr(289,0,400,2,0,"else", 0, 2, 0);
	T = trans[0][400] = settr(399,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(399,0,291,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(399,0,398,0,0,"IF", 0, 2, 0);
	trans[0][291]	= settr(290,0,222,1,0,"(1)", 0, 2, 0);
	trans[0][401]	= settr(400,0,222,1,0,".(goto)", 0, 2, 0);
	T = trans[ 0][398] = settr(397,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(397,0,292,0,0,"sub-sequence", 0, 2, 0);
	trans[0][292]	= settr(291,0,395,139,139,"done = 0", 0, 2, 0);
	trans[0][396]	= settr(395,0,395,1,0,".(goto)", 0, 2, 0);
	T = trans[0][395] = settr(394,0,0,0,0,"DO", 0, 2, 0);
	T = T->nxt	= settr(394,0,293,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(394,0,295,0,0,"DO", 0, 2, 0);
	trans[0][293]	= settr(292,0,399,140,140,"(done)", 0, 2, 0);
	trans[0][294]	= settr(293,0,399,1,0,"goto :b4", 0, 2, 0);
	trans[0][295]	= settr(294,0,308,2,0,"else", 0, 2, 0);
	T = trans[ 0][308] = settr(307,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(307,2,296,0,0,"ATOMIC", 1, 2, 0);
	trans[0][296]	= settr(295,2,306,141,141,"(!(gpc_lock))", 1, 2, 0); /* m: 297 -> 306,0 */
	reached0[297] = 1;
	trans[0][297]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][298]	= settr(0,0,0,0,0,"ok = (((gpc_active&&(gpc_gen==slot_gen))&&(gpc_uhva!=2))&&gpc_valid)",0,0,0);
	T = trans[0][306] = settr(305,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(305,2,299,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(305,2,304,0,0,"IF", 1, 2, 0);
	trans[0][299]	= settr(298,4,393,142,142,"(ok)", 1, 2, 0); /* m: 300 -> 393,0 */
	reached0[300] = 1;
	trans[0][300]	= settr(0,0,0,0,0,"vmcs02_pfn = gpc_pfn",0,0,0);
	trans[0][301]	= settr(0,0,0,0,0,"reload_owed = 0",0,0,0);
	trans[0][302]	= settr(0,0,0,0,0,"gpc_lock = 0",0,0,0);
	trans[0][303]	= settr(0,0,0,0,0,"done = 1",0,0,0);
	trans[0][307]	= settr(306,0,393,143,143,".(goto)", 1, 2, 0);
	trans[0][304]	= settr(303,2,305,2,0,"else", 1, 2, 0);
	trans[0][305]	= settr(304,4,393,144,144,"gpc_lock = 0", 1, 2, 0); /* m: 307 -> 0,393 */
	reached0[307] = 1;
	T = trans[0][393] = settr(392,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(392,0,309,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(392,0,392,0,0,"IF", 0, 2, 0);
	trans[0][309]	= settr(308,0,377,145,0,"(!(done))", 0, 2, 0);
	T = trans[ 0][377] = settr(376,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(376,0,310,0,0,"sub-sequence", 0, 2, 0);
	trans[0][310]	= settr(309,0,317,146,146,"err = 0", 0, 2, 0); /* m: 311 -> 0,317 */
	reached0[311] = 1;
	trans[0][311]	= settr(0,0,0,0,0,"hvachange = 0",0,0,0);
	T = trans[0][317] = settr(316,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(316,0,312,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(316,0,316,0,0,"IF", 0, 2, 0);
	trans[0][312]	= settr(311,0,315,147,0,"(!(gpc_active))", 1, 2, 0);
	T = trans[ 0][315] = settr(314,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(314,2,313,0,0,"ATOMIC", 1, 2, 0);
	trans[0][313]	= settr(312,0,329,148,148,"(!(gpc_lock))", 1, 2, 0); /* m: 314 -> 329,0 */
	reached0[314] = 1;
	trans[0][314]	= settr(0,0,0,0,0,"gpc_active = 1",0,0,0);
	trans[0][318]	= settr(317,0,329,1,0,".(goto)", 0, 2, 0);
	trans[0][316]	= settr(315,0,329,2,0,"else", 0, 2, 0);
	T = trans[ 0][329] = settr(328,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(328,2,319,0,0,"ATOMIC", 1, 2, 0);
	trans[0][319]	= settr(318,2,327,149,149,"(!(gpc_lock))", 1, 2, 0); /* m: 320 -> 327,0 */
	reached0[320] = 1;
	trans[0][320]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	T = trans[0][327] = settr(326,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(326,2,321,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(326,2,326,0,0,"IF", 1, 2, 0);
	trans[0][321]	= settr(320,4,367,150,150,"(((gpc_gen!=slot_gen)||(gpc_uhva==2)))", 1, 2, 0); /* m: 322 -> 367,0 */
	reached0[322] = 1;
	trans[0][322]	= settr(0,0,0,0,0,"gpc_gen = slot_gen",0,0,0);
	trans[0][323]	= settr(0,0,0,0,0,"hvachange = (gpc_uhva!=slot_hva)",0,0,0);
	trans[0][324]	= settr(0,0,0,0,0,"gpc_uhva = slot_hva",0,0,0);
	trans[0][325]	= settr(0,0,0,0,0,"err = (gpc_uhva==2)",0,0,0);
	trans[0][328]	= settr(327,0,367,151,151,".(goto)", 1, 2, 0);
	trans[0][326]	= settr(325,2,328,2,0,"else", 1, 2, 0);
	T = trans[0][367] = settr(366,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(366,0,330,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(366,0,366,0,0,"IF", 0, 2, 0);
	trans[0][330]	= settr(329,0,331,152,152,"((!(err)&&(!(gpc_valid)||hvachange)))", 1, 2, 0);
	trans[0][331]	= settr(330,0,332,153,153,"gpc_valid = 0", 1, 2, 0);
	trans[0][332]	= settr(331,0,333,154,154,"seq_snap = mmu_seq", 1, 2, 0);
	trans[0][333]	= settr(332,0,357,155,155,"gpc_lock = 0", 1, 2, 0);
	trans[0][358]	= settr(357,0,357,1,0,".(goto)", 0, 2, 0);
	T = trans[0][357] = settr(356,0,0,0,0,"DO", 0, 2, 0);
	    T->nxt	= settr(356,0,334,0,0,"DO", 0, 2, 0);
	trans[0][334]	= settr(333,0,342,156,156,"newpfn = hva_pfn[gpc_uhva]", 1, 2, 0);
	T = trans[0][342] = settr(341,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(341,0,335,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(341,0,341,0,0,"IF", 0, 2, 0);
	trans[0][335]	= settr(334,0,338,157,0,"((newpfn==0))", 0, 2, 0);
	T = trans[ 0][338] = settr(337,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(337,2,336,0,0,"ATOMIC", 1, 2, 0);
	trans[0][336]	= settr(335,0,364,158,158,"(!(gpc_lock))", 1, 2, 0); /* m: 337 -> 364,0 */
	reached0[337] = 1;
	trans[0][337]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][339]	= settr(0,0,0,0,0,"err = 1",0,0,0);
	trans[0][340]	= settr(339,0,364,1,0,"goto :b5", 0, 2, 0);
	trans[0][343]	= settr(342,0,347,1,0,".(goto)", 0, 2, 0);
	trans[0][341]	= settr(340,0,347,2,0,"else", 0, 2, 0);
	T = trans[ 0][347] = settr(346,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(346,2,344,0,0,"ATOMIC", 1, 2, 0);
	trans[0][344]	= settr(343,4,355,159,159,"(!(gpc_lock))", 1, 2, 0); /* m: 345 -> 355,0 */
	reached0[345] = 1;
	trans[0][345]	= settr(0,0,0,0,0,"gpc_lock = 1",0,0,0);
	trans[0][346]	= settr(0,0,0,0,0,"retry = ((mn_count!=0)||(mmu_seq!=seq_snap))",0,0,0);
	T = trans[0][355] = settr(354,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(354,0,348,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(354,0,350,0,0,"IF", 0, 2, 0);
	trans[0][348]	= settr(347,0,364,160,160,"(!(retry))", 0, 2, 0);
	trans[0][349]	= settr(348,0,364,1,0,"goto :b5", 0, 2, 0);
	trans[0][356]	= settr(355,0,357,1,0,".(goto)", 0, 2, 0);
	trans[0][350]	= settr(349,0,351,2,0,"else", 0, 2, 0);
	trans[0][351]	= settr(350,0,354,161,161,"gpc_lock = 0", 1, 2, 0);
	T = trans[ 0][354] = settr(353,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(353,2,352,0,0,"ATOMIC", 1, 2, 0);
	trans[0][352]	= settr(351,0,357,162,162,"((mn_count==0))", 1, 2, 0); /* m: 353 -> 357,0 */
	reached0[353] = 1;
	trans[0][353]	= settr(0,0,0,0,0,"seq_snap = mmu_seq",0,0,0);
	trans[0][359]	= settr(358,0,364,1,0,"break", 0, 2, 0);
	T = trans[0][364] = settr(363,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(363,0,360,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(363,0,363,0,0,"IF", 0, 2, 0);
	trans[0][360]	= settr(359,0,361,163,0,"(!(err))", 0, 2, 0);
	trans[0][361]	= settr(360,0,362,164,164,"gpc_valid = 1", 1, 2, 0);
	trans[0][362]	= settr(361,0,376,165,165,"gpc_pfn = newpfn", 1, 2, 0);
	trans[0][365]	= settr(364,0,376,1,0,".(goto)", 0, 2, 0);
	trans[0][363]	= settr(362,0,376,2,0,"else", 0, 2, 0);
	trans[0][368]	= settr(367,0,376,1,0,".(goto)", 0, 2, 0);
	trans[0][366]	= settr(365,0,376,2,0,"else", 0, 2, 0);
	T = trans[ 0][376] = settr(375,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(375,2,373,0,0,"ATOMIC", 1, 2, 0);
	T = trans[0][373] = settr(372,2,0,0,0,"IF", 1, 2, 0);
	T = T->nxt	= settr(372,2,369,0,0,"IF", 1, 2, 0);
	    T->nxt	= settr(372,2,372,0,0,"IF", 1, 2, 0);
	trans[0][369]	= settr(368,4,390,166,166,"(err)", 1, 2, 0); /* m: 370 -> 390,0 */
	reached0[370] = 1;
	trans[0][370]	= settr(0,0,0,0,0,"gpc_valid = 0",0,0,0);
	trans[0][371]	= settr(0,0,0,0,0,"gpc_pfn = 0",0,0,0);
	trans[0][374]	= settr(373,4,390,167,167,".(goto)", 1, 2, 0); /* m: 375 -> 0,390 */
	reached0[375] = 1;
	trans[0][372]	= settr(371,2,374,2,0,"else", 1, 2, 0);
	trans[0][375]	= settr(0,0,0,0,0,"gpc_lock = 0",0,0,0);
	T = trans[0][390] = settr(389,0,0,0,0,"IF", 0, 2, 0);
	T = T->nxt	= settr(389,0,378,0,0,"IF", 0, 2, 0);
	    T->nxt	= settr(389,0,389,0,0,"IF", 0, 2, 0);
	trans[0][378]	= settr(377,0,384,168,168,"(err)", 0, 2, 0);
	T = trans[ 0][384] = settr(383,0,0,0,0,"sub-sequence", 0, 2, 0);
	T->nxt	= settr(383,0,383,0,0,"sub-sequence", 0, 2, 0);
	T = trans[ 0][383] = settr(382,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(382,2,379,0,0,"ATOMIC", 1, 2, 0);
	trans[0][379]	= settr(378,4,387,169,169,"(!(gpc_lock))", 1, 2, 0); /* m: 380 -> 387,0 */
	reached0[380] = 1;
	trans[0][380]	= settr(0,0,0,0,0,"gpc_active = 0",0,0,0);
	trans[0][381]	= settr(0,0,0,0,0,"gpc_valid = 0",0,0,0);
	trans[0][382]	= settr(0,0,0,0,0,"gpc_pfn = 0",0,0,0);
	T = trans[ 0][387] = settr(386,2,0,0,0,"ATOMIC", 1, 2, 0);
	T->nxt	= settr(386,2,385,0,0,"ATOMIC", 1, 2, 0);
	trans[0][385]	= settr(384,0,395,170,170,"vmcs02_pfn = 0", 1, 2, 0); /* m: 386 -> 0,395 */
	reached0[386] = 1;
	trans[0][386]	= settr(0,0,0,0,0,"reload_owed = 0",0,0,0);
	trans[0][388]	= settr(0,0,0,0,0,"done = 1",0,0,0);
	trans[0][391]	= settr(390,0,395,1,0,".(goto)", 0, 2, 0);
	trans[0][389]	= settr(388,0,395,2,0,"else", 0, 2, 0);
	trans[0][394]	= settr(393,0,395,1,0,".(goto)", 0, 2, 0);
	trans[0][392]	= settr(391,0,395,2,0,"else", 0, 2, 0);
	trans[0][397]	= settr(396,0,399,1,0,"break", 0, 2, 0);
	trans[0][399]	= settr(398,0,222,171,171,"guest_mode = 1", 1, 2, 0);
	trans[0][404]	= settr(403,0,222,1,0,"goto loop", 0, 2, 0);
	trans[0][405]	= settr(0,0,0,0,0,"-end-",0,0,0);
	/* np_ demon: */
	trans[_NP_] = (Trans **) emalloc(3*sizeof(Trans *));
	T = trans[_NP_][0] = settr(9997,0,1,_T5,0,"(np_)", 1,2,0);
	    T->nxt	  = settr(9998,0,0,_T2,0,"(1)",   0,2,0);
	T = trans[_NP_][1] = settr(9999,0,1,_T5,0,"(np_)", 1,2,0);
}

Trans *
settr(	int t_id, int a, int b, int c, int d,
	char *t, int g, int tpe0, int tpe1)
{	Trans *tmp = (Trans *) emalloc(sizeof(Trans));

	tmp->atom  = a&(6|32);	/* only (2|8|32) have meaning */
	if (!g) tmp->atom |= 8;	/* no global references */
	tmp->st    = b;
	tmp->tpe[0] = tpe0;
	tmp->tpe[1] = tpe1;
	tmp->tp    = t;
	tmp->t_id  = t_id;
	tmp->forw  = c;
	tmp->back  = d;
	return tmp;
}

Trans *
cpytr(Trans *a)
{	Trans *tmp = (Trans *) emalloc(sizeof(Trans));

	int i;
	tmp->atom  = a->atom;
	tmp->st    = a->st;
#ifdef HAS_UNLESS
	tmp->e_trans = a->e_trans;
	for (i = 0; i < HAS_UNLESS; i++)
		tmp->escp[i] = a->escp[i];
#endif
	tmp->tpe[0] = a->tpe[0];
	tmp->tpe[1] = a->tpe[1];
	for (i = 0; i < 6; i++)
	{	tmp->qu[i] = a->qu[i];
		tmp->ty[i] = a->ty[i];
	}
	tmp->tp    = (char *) emalloc(strlen(a->tp)+1);
	strcpy(tmp->tp, a->tp);
	tmp->t_id  = a->t_id;
	tmp->forw  = a->forw;
	tmp->back  = a->back;
	return tmp;
}

#ifndef NOREDUCE
int
srinc_set(int n)
{	if (n <= 2) return LOCAL;
	if (n <= 2+  DELTA) return Q_FULL_F; /* 's' or nfull  */
	if (n <= 2+2*DELTA) return Q_EMPT_F; /* 'r' or nempty */
	if (n <= 2+3*DELTA) return Q_EMPT_T; /* empty */
	if (n <= 2+4*DELTA) return Q_FULL_T; /* full  */
	if (n ==   5*DELTA) return GLOBAL;
	if (n ==   6*DELTA) return TIMEOUT_F;
	if (n ==   7*DELTA) return ALPHA_F;
	Uerror("cannot happen srinc_class");
	return BAD;
}
int
srunc(int n, int m)
{	switch(m) {
	case Q_FULL_F: return n-2;
	case Q_EMPT_F: return n-2-DELTA;
	case Q_EMPT_T: return n-2-2*DELTA;
	case Q_FULL_T: return n-2-3*DELTA;
	case ALPHA_F:
	case TIMEOUT_F: return 257; /* non-zero, and > MAXQ */
	}
	Uerror("cannot happen srunc");
	return 0;
}
#endif
int cnt;
#ifdef HAS_UNLESS
int
isthere(Trans *a, int b)
{	Trans *t;
	for (t = a; t; t = t->nxt)
		if (t->t_id == b)
			return 1;
	return 0;
}
#endif
#ifndef NOREDUCE
int
mark_safety(Trans *t) /* for conditional safety */
{	int g = 0, i, j, k;

	if (!t) return 0;
	if (t->qu[0])
		return (t->qu[1])?2:1;	/* marked */

	for (i = 0; i < 2; i++)
	{	j = srinc_set(t->tpe[i]);
		if (j >= GLOBAL && j != ALPHA_F)
			return -1;
		if (j != LOCAL)
		{	k = srunc(t->tpe[i], j);
			if (g == 0
			||  t->qu[0] != k
			||  t->ty[0] != j)
			{	t->qu[g] = k;
				t->ty[g] = j;
				g++;
	}	}	}
	return g;
}
#endif
void
retrans(int n, int m, int is, short srcln[], uchar reach[], uchar lpstate[])
	/* process n, with m states, is=initial state */
{	Trans *T0, *T1, *T2, *T3;
	Trans *T4, *T5; /* t_reverse or has_unless */
	int i;
#if defined(HAS_UNLESS) || !defined(NOREDUCE)
	int k;
#endif
#ifndef NOREDUCE
	int g, h, j, aa;
#endif
#ifdef HAS_UNLESS
	int p;
#endif
	if (state_tables >= 4)
	{	printf("STEP 1 %s\n", 
			procname[n]);
		for (i = 1; i < m; i++)
		for (T0 = trans[n][i]; T0; T0 = T0->nxt)
			crack(n, i, T0, srcln);
		return;
	}
	do {
		for (i = 1, cnt = 0; i < m; i++)
		{	T2 = trans[n][i];
			T1 = T2?T2->nxt:(Trans *)0;
/* prescan: */		for (T0 = T1; T0; T0 = T0->nxt)
/* choice in choice */	{	if (T0->st && trans[n][T0->st]
				&&  trans[n][T0->st]->nxt)
					break;
			}
#if 0
		if (T0)
		printf("\tstate %d / %d: choice in choice\n",
		i, T0->st);
#endif
			if (T0)
			for (T0 = T1; T0; T0 = T0->nxt)
			{	T3 = trans[n][T0->st];
				if (!T3->nxt)
				{	T2->nxt = cpytr(T0);
					T2 = T2->nxt;
					imed(T2, T0->st, n, i);
					continue;
				}
				do {	T3 = T3->nxt;
					T2->nxt = cpytr(T3);
					T2 = T2->nxt;
					imed(T2, T0->st, n, i);
				} while (T3->nxt);
				cnt++;
			}
		}
	} while (cnt);
	if (state_tables >= 3)
	{	printf("STEP 2 %s\n", 
			procname[n]);
		for (i = 1; i < m; i++)
		for (T0 = trans[n][i]; T0; T0 = T0->nxt)
			crack(n, i, T0, srcln);
		return;
	}
	for (i = 1; i < m; i++)
	{	if (trans[n][i] && trans[n][i]->nxt) /* optimize */
		{	T1 = trans[n][i]->nxt;
#if 0
			printf("\t\tpull %d (%d) to %d\n",
			T1->st, T1->forw, i);
#endif
			srcln[i] = srcln[T1->st];	/* Oyvind Teig, 5.2.0 */

			if (!trans[n][T1->st]) continue;
			T0 = cpytr(trans[n][T1->st]);
			trans[n][i] = T0;
			reach[T1->st] = 1;
			imed(T0, T1->st, n, i);
			for (T1 = T1->nxt; T1; T1 = T1->nxt)
			{
#if 0
			printf("\t\tpull %d (%d) to %d\n",
				T1->st, T1->forw, i);
#endif
		/*		srcln[i] = srcln[T1->st];  gh: not useful */
				if (!trans[n][T1->st]) continue;
				T0->nxt = cpytr(trans[n][T1->st]);
				T0 = T0->nxt;
				reach[T1->st] = 1;
				imed(T0, T1->st, n, i);
	}	}	}
	if (state_tables >= 2)
	{	printf("STEP 3 %s\n", 
			procname[n]);
		for (i = 1; i < m; i++)
		for (T0 = trans[n][i]; T0; T0 = T0->nxt)
			crack(n, i, T0, srcln);
		return;
	}
#ifdef HAS_UNLESS
	for (i = 1; i < m; i++)
	{	if (!trans[n][i]) continue;
		/* check for each state i if an
		 * escape to some state p is defined
		 * if so, copy and mark p's transitions
		 * and prepend them to the transition-
		 * list of state i
		 */
	 if (!like_java) /* the default */
	 {	for (T0 = trans[n][i]; T0; T0 = T0->nxt)
		for (k = HAS_UNLESS-1; k >= 0; k--)
		{	if (p = T0->escp[k])
			for (T1 = trans[n][p]; T1; T1 = T1->nxt)
			{	if (isthere(trans[n][i], T1->t_id))
					continue;
				T2 = cpytr(T1);
				T2->e_trans = p;
				T2->nxt = trans[n][i];
				trans[n][i] = T2;
		}	}
	 } else /* outermost unless checked first */
	 {	T4 = T3 = (Trans *) 0;
		for (T0 = trans[n][i]; T0; T0 = T0->nxt)
		for (k = HAS_UNLESS-1; k >= 0; k--)
		{	if (p = T0->escp[k])
			for (T1 = trans[n][p]; T1; T1 = T1->nxt)
			{	if (isthere(trans[n][i], T1->t_id))
					continue;
				T2 = cpytr(T1);
				T2->nxt = (Trans *) 0;
				T2->e_trans = p;
				if (T3)	T3->nxt = T2;
				else	T4 = T2;
				T3 = T2;
		}	}
		if (T4)
		{	T3->nxt = trans[n][i];
			trans[n][i] = T4;
		}
	 }
	}
#endif
#ifndef NOREDUCE
	for (i = 1; i < m; i++)
	{	if (a_cycles)
		{ /* moves through these states are visible */
	#if PROG_LAB>0 && defined(HAS_NP)
			if (progstate[n][i])
				goto degrade;
			for (T1 = trans[n][i]; T1; T1 = T1->nxt)
				if (progstate[n][T1->st])
					goto degrade;
	#endif
			if (accpstate[n][i] || visstate[n][i])
				goto degrade;
			for (T1 = trans[n][i]; T1; T1 = T1->nxt)
				if (accpstate[n][T1->st])
					goto degrade;
		}
		T1 = trans[n][i];
		if (!T1) continue;
		g = mark_safety(T1);	/* V3.3.1 */
		if (g < 0) goto degrade; /* global */
		/* check if mixing of guards preserves reduction */
		if (T1->nxt)
		{	k = 0;
			for (T0 = T1; T0; T0 = T0->nxt)
			{	if (!(T0->atom&8))
					goto degrade;
				for (aa = 0; aa < 2; aa++)
				{	j = srinc_set(T0->tpe[aa]);
					if (j >= GLOBAL && j != ALPHA_F)
						goto degrade;
					if (T0->tpe[aa]
					&&  T0->tpe[aa]
					!=  T1->tpe[0])
						k = 1;
			}	}
			/* g = 0;	V3.3.1 */
			if (k)	/* non-uniform selection */
			for (T0 = T1; T0; T0 = T0->nxt)
			for (aa = 0; aa < 2; aa++)
			{	j = srinc_set(T0->tpe[aa]);
				if (j != LOCAL)
				{	k = srunc(T0->tpe[aa], j);
					for (h = 0; h < 6; h++)
						if (T1->qu[h] == k
						&&  T1->ty[h] == j)
							break;
					if (h >= 6)
					{	T1->qu[g%6] = k;
						T1->ty[g%6] = j;
						g++;
			}	}	}
			if (g > 6)
			{	T1->qu[0] = 0;	/* turn it off */
				printf("pan: warning, line %d, ",
					srcln[i]);
			 	printf("too many stmnt types (%d)",
					g);
			  	printf(" in selection\n");
			  goto degrade;
			}
		}
		/* mark all options global if >=1 is global */
		for (T1 = trans[n][i]; T1; T1 = T1->nxt)
			if (!(T1->atom&8)) break;
		if (T1)
degrade:	for (T1 = trans[n][i]; T1; T1 = T1->nxt)
			T1->atom &= ~8;	/* mark as unsafe */
		/* can only mix 'r's or 's's if on same chan */
		/* and not mixed with other local operations */
		T1 = trans[n][i];
		if (!T1 || T1->qu[0]) continue;
		j = T1->tpe[0];
		if (T1->nxt && T1->atom&8)
		{ if (j == 5*DELTA)
		  {	printf("warning: line %d ", srcln[i]);
			printf("mixed condition ");
			printf("(defeats reduction)\n");
			goto degrade;
		  }
		  for (T0 = T1; T0; T0 = T0->nxt)
		  for (aa = 0; aa < 2; aa++)
		  if  (T0->tpe[aa] && T0->tpe[aa] != j)
		  {	printf("warning: line %d ", srcln[i]);
			printf("[%d-%d] mixed %stion ",
				T0->tpe[aa], j, 
				(j==5*DELTA)?"condi":"selec");
			printf("(defeats reduction)\n");
			printf("	'%s' <-> '%s'\n",
				T1->tp, T0->tp);
			goto degrade;
		} }
	}
#endif
	for (i = 1; i < m; i++)
	{	T2 = trans[n][i];
		if (!T2
		||  T2->nxt
		||  strncmp(T2->tp, ".(goto)", 7)
		||  !stopstate[n][i])
			continue;
		stopstate[n][T2->st] = 1;
	}
	if (state_tables && !verbose)
	{	if (dodot)
		{	char buf[256], *q = buf, *p = procname[n];
			while (*p != '\0')
			{	if (*p != ':')
				{	*q++ = *p;
				}
				p++;
			}
			*q = '\0';
			printf("digraph ");
			switch (Btypes[n]) {
			case I_PROC:  printf("init {\n"); break;
			case N_CLAIM: printf("claim_%s {\n", buf); break;
			case E_TRACE: printf("notrace {\n"); break;
			case N_TRACE: printf("trace {\n"); break;
			default:      printf("p_%s {\n", buf); break;
			}
			printf("size=\"8,10\";\n");
			printf("  GT [shape=box,style=dotted,label=\"%s\"];\n", buf);
			printf("  GT -> S%d;\n", is);
		} else
		{	switch (Btypes[n]) {
			case I_PROC:  printf("init\n"); break;
			case N_CLAIM: printf("claim %s\n", procname[n]); break;
			case E_TRACE: printf("notrace assertion\n"); break;
			case N_TRACE: printf("trace assertion\n"); break;
			default:      printf("proctype %s\n", procname[n]); break;
		}	}
		for (i = 1; i < m; i++)
		{	reach[i] = 1;
		}
		tagtable(n, m, is, srcln, reach);
		if (dodot) printf("}\n");
	} else
	for (i = 1; i < m; i++)
	{	int nrelse;
		if (Btypes[n] != N_CLAIM)
		{	for (T0 = trans[n][i]; T0; T0 = T0->nxt)
			{	if (T0->st == i
				&& strcmp(T0->tp, "(1)") == 0)
				{	printf("error: proctype '%s' ",
						procname[n]);
		  			printf("line %d, state %d: has un",
						srcln[i], i);
					printf("conditional self-loop\n");
					pan_exit(1);
		}	}	}
		nrelse = 0;
		for (T0 = trans[n][i]; T0; T0 = T0->nxt)
		{	if (strcmp(T0->tp, "else") == 0)
				nrelse++;
		}
		if (nrelse > 1)
		{	printf("error: proctype '%s' state",
				procname[n]);
		  	printf(" %d, inherits %d", i, nrelse);
		  	printf(" 'else' stmnts\n");
			pan_exit(1);
	}	}
#if !defined(LOOPSTATE) && !defined(BFS_PAR)
	if (state_tables)
#endif
	do_dfs(n, m, is, srcln, reach, lpstate);

	if (!t_reverse)
	{	return;
	}
	/* process n, with m states, is=initial state -- reverse list */
	if (!state_tables && Btypes[n] != N_CLAIM)
	{	for (i = 1; i < m; i++)
		{	Trans *Tx = (Trans *) 0; /* list of escapes */
			Trans *Ty = (Trans *) 0; /* its tail element */
			T1 = (Trans *) 0; /* reversed list */
			T2 = (Trans *) 0; /* its tail */
			T3 = (Trans *) 0; /* remembers possible 'else' */

			/* find unless-escapes, they should go first */
			T4 = T5 = T0 = trans[n][i];
	#ifdef HAS_UNLESS
			while (T4 && T4->e_trans) /* escapes are first in orig list */
			{	T5 = T4;	  /* remember predecessor */
				T4 = T4->nxt;
			}
	#endif
			/* T4 points to first non-escape, T5 to its parent, T0 to original list */
			if (T4 != T0)		 /* there was at least one escape */
			{	T3 = T5->nxt;		 /* start of non-escapes */
				T5->nxt = (Trans *) 0;	 /* separate */
				Tx = T0;		 /* start of the escapes */
				Ty = T5;		 /* its tail */
				T0 = T3;		 /* the rest, to be reversed */
			}
			/* T0 points to first non-escape, Tx to the list of escapes, Ty to its tail */

			/* first tail-add non-escape transitions, reversed */
			T3 = (Trans *) 0;
			for (T5 = T0; T5; T5 = T4)
			{	T4 = T5->nxt;
	#ifdef HAS_UNLESS
				if (T5->e_trans)
				{	printf("error: cannot happen!\n");
					continue;
				}
	#endif
				if (strcmp(T5->tp, "else") == 0)
				{	T3 = T5;
					T5->nxt = (Trans *) 0;
				} else
				{	T5->nxt = T1;
					if (!T1) { T2 = T5; }
					T1 = T5;
			}	}
			/* T3 points to a possible else, which is removed from the list */
			/* T1 points to the reversed list so far (without escapes) */
			/* T2 points to the tail element -- where the else should go */
			if (T2 && T3)
			{	T2->nxt = T3;	/* add else */
			} else
			{	if (T3) /* there was an else, but there's no tail */
				{	if (!T1)	/* and no reversed list */
					{	T1 = T3; /* odd, but possible */
					} else		/* even stranger */
					{	T1->nxt = T3;
			}	}	}

			/* add in the escapes, to that they appear at the front */
			if (Tx && Ty) { Ty->nxt = T1; T1 = Tx; }

			trans[n][i] = T1;
			/* reversed, with escapes first and else last */
	}	}
	if (state_tables && verbose)
	{	printf("FINAL proctype %s\n", 
			procname[n]);
		for (i = 1; i < m; i++)
		for (T0 = trans[n][i]; T0; T0 = T0->nxt)
			crack(n, i, T0, srcln);
	}
}
void
imed(Trans *T, int v, int n, int j)	/* set intermediate state */
{	progstate[n][T->st] |= progstate[n][v];
	accpstate[n][T->st] |= accpstate[n][v];
	stopstate[n][T->st] |= stopstate[n][v];
	mapstate[n][j] = T->st;
}
void
tagtable(int n, int m, int is, short srcln[], uchar reach[])
{	Trans *z;

	if (is >= m || !trans[n][is]
	||  is <= 0 || reach[is] == 0)
		return;
	reach[is] = 0;
	if (state_tables)
	for (z = trans[n][is]; z; z = z->nxt)
	{	if (dodot)
			dot_crack(n, is, z);
		else
			crack(n, is, z, srcln);
	}

	for (z = trans[n][is]; z; z = z->nxt)
	{
#ifdef HAS_UNLESS
		int i, j;
#endif
		tagtable(n, m, z->st, srcln, reach);
#ifdef HAS_UNLESS
		for (i = 0; i < HAS_UNLESS; i++)
		{	j = trans[n][is]->escp[i];
			if (!j) break;
			tagtable(n, m, j, srcln, reach);
		}
#endif
	}
}

extern Trans *t_id_lkup[];

void
dfs_table(int n, int m, int is, short srcln[], uchar reach[], uchar lpstate[])
{	Trans *z;

	if (is >= m || is <= 0 || !trans[n][is])
		return;
	if ((reach[is] & (4|8|16)) != 0)
	{	if ((reach[is] & (8|16)) == 16)	/* on stack, not yet recorded */
		{	lpstate[is] = 1;
			reach[is] |= 8; /* recorded */
			if (state_tables && verbose)
			{	printf("state %d line %d is a loopstate\n", is, srcln[is]);
		}	}
		return;
	}
	reach[is] |= (4|16);	/* visited | onstack */
	for (z = trans[n][is]; z; z = z->nxt)
	{	t_id_lkup[z->t_id] = z;
#ifdef HAS_UNLESS
		int i, j;
#endif
		dfs_table(n, m, z->st, srcln, reach, lpstate);
#ifdef HAS_UNLESS
		for (i = 0; i < HAS_UNLESS; i++)
		{	j = trans[n][is]->escp[i];
			if (!j) break;
			dfs_table(n, m, j, srcln, reach, lpstate);
		}
#endif
	}
	reach[is] &= ~16; /* no longer on stack */
}
void
do_dfs(int n, int m, int is, short srcln[], uchar reach[], uchar lpstate[])
{	int i;
	dfs_table(n, m, is, srcln, reach, lpstate);
	for (i = 0; i < m; i++)
		reach[i] &= ~(4|8|16);
}
void
crack(int n, int j, Trans *z, short srcln[])
{	int i;

	if (!z) return;
	printf("	state %3d -(tr %3d)-> state %3d  ",
		j, z->forw, z->st);
	printf("[id %3d tp %3d", z->t_id, z->tpe[0]);
	if (z->tpe[1]) printf(",%d", z->tpe[1]);
#ifdef HAS_UNLESS
	if (z->e_trans)
		printf(" org %3d", z->e_trans);
	else if (state_tables >= 2)
	for (i = 0; i < HAS_UNLESS; i++)
	{	if (!z->escp[i]) break;
		printf(" esc %d", z->escp[i]);
	}
#endif
	printf("]");
	printf(" [%s%s%s%s%s] %s:%d => ",
		z->atom&6?"A":z->atom&32?"D":"-",
		accpstate[n][j]?"a" :"-",
		stopstate[n][j]?"e" : "-",
		progstate[n][j]?"p" : "-",
		z->atom & 8 ?"L":"G",
		PanSource, srcln[j]);
	for (i = 0; z->tp[i]; i++)
		if (z->tp[i] == '\n')
			printf("\\n");
		else
			putchar(z->tp[i]);
	if (verbose && z->qu[0])
	{	printf("\t[");
		for (i = 0; i < 6; i++)
			if (z->qu[i])
				printf("(%d,%d)",
				z->qu[i], z->ty[i]);
		printf("]");
	}
	printf("\n");
	fflush(stdout);
}
/* spin -a m.pml; cc -o pan pan.c; ./pan -D | dot -Tps > foo.ps; ps2pdf foo.ps */
void
dot_crack(int n, int j, Trans *z)
{	int i;

	if (!z) return;
	printf("	S%d -> S%d  [color=black", j, z->st);

	if (z->atom&6) printf(",style=dashed");
	else if (z->atom&32) printf(",style=dotted");
	else if (z->atom&8) printf(",style=solid");
	else printf(",style=bold");

	printf(",label=\"");
	for (i = 0; z->tp[i]; i++)
	{	if (z->tp[i] == '\\'
		&&  z->tp[i+1] == 'n')
		{	i++; printf(" ");
		} else
		{	putchar(z->tp[i]);
	}	}
	printf("\"];\n");
	if (accpstate[n][j]) printf("  S%d [color=red,style=bold];\n", j);
	else if (progstate[n][j]) printf("  S%d [color=green,style=bold];\n", j);
	if (stopstate[n][j]) printf("  S%d [color=blue,style=bold,shape=box];\n", j);
}

#ifdef VAR_RANGES
#define BYTESIZE	32	/* 2^8 : 2^3 = 256:8 = 32 */

typedef struct Vr_Ptr {
	char	*nm;
	uchar	vals[BYTESIZE];
	struct Vr_Ptr *nxt;
} Vr_Ptr;
Vr_Ptr *ranges = (Vr_Ptr *) 0;

void
logval(char *s, int v)
{	Vr_Ptr *tmp;

	if (v<0 || v > 255) return;
	for (tmp = ranges; tmp; tmp = tmp->nxt)
		if (!strcmp(tmp->nm, s))
			goto found;
	tmp = (Vr_Ptr *) emalloc(sizeof(Vr_Ptr));
	tmp->nxt = ranges;
	ranges = tmp;
	tmp->nm = s;
found:
	tmp->vals[(v)/8] |= 1<<((v)%8);
}

void
dumpval(uchar X[], int range)
{	int w, x, i, j = -1;

	for (w = i = 0; w < range; w++)
	for (x = 0; x < 8; x++, i++)
	{
from:		if ((X[w] & (1<<x)))
		{	printf("%d", i);
			j = i;
			goto upto;
	}	}
	return;
	for (w = 0; w < range; w++)
	for (x = 0; x < 8; x++, i++)
	{
upto:		if (!(X[w] & (1<<x)))
		{	if (i-1 == j)
				printf(", ");
			else
				printf("-%d, ", i-1);
			goto from;
	}	}
	if (j >= 0 && j != 255)
		printf("-255");
}

void
dumpranges(void)
{	Vr_Ptr *tmp;
	printf("\nValues assigned within ");
	printf("interval [0..255]:\n");
	for (tmp = ranges; tmp; tmp = tmp->nxt)
	{	printf("\t%s\t: ", tmp->nm);
		dumpval(tmp->vals, BYTESIZE);
		printf("\n");
	}
}
#endif
