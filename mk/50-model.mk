# mk/50-model.mk: spin models of the nested pfncache invalidation protocol
# and of patch 9's nested contexts (kernel-patches/model/, documented in
# docs/model.md).
#
#   make model-check   real model (P1 safety, P2 no lost reload, P3 liveness,
#                      P4, P5), nested contexts (P6 safety, P7 no stale use,
#                      P8 liveness), plus every mutant; fails if a model
#                      fails or a mutant survives.  Part of `make check`.
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
