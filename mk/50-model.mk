# mk/50-model.mk: spin models of the nested pfncache invalidation protocol,
# of patch 9's nested contexts and of patch 12's eVMCS cache
# (kernel-patches/model/, documented in docs/model.md).
#
#   make model-check   real model (P1 safety, P2 no lost reload, P3 liveness,
#                      P4, P5), nested contexts (P6 safety, P7 no stale use,
#                      P8 liveness), eVMCS cache (P9 no stale access, P10
#                      no L1 with a pending copy, P11 liveness), plus
#                      every mutant; fails if a run does not meet its
#                      expectation.  Part of `make check`.
#   make check-model   the same (named like check-kernel and check-lab)

MODEL_DIR := $(TOP)/kernel-patches/model

.PHONY: model-check check-model model-clean
model-check:
	$(MAKE) -C $(MODEL_DIR) check
check-model: model-check

model-clean:
	$(MAKE) -C $(MODEL_DIR) clean

CHECK_TARGETS += model-check
CLEAN_TARGETS += model-clean
DEPS_PACKAGES += spin gcc
