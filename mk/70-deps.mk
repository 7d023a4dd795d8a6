# mk/70-deps.mk: is `make deps` complete?  (issue 12, item 5)
#
#   make check-deps         every program the build, the tests, the lab,
#                           the emulated host and the demo call is
#                           installed here (scripts/check-commands --lint:
#                           also fails when its list looks stale).  Cheap;
#                           part of `make check`, so CI fails when make deps
#                           missed something.
#   make check-deps-chroot  the same on a new machine: a fresh Debian
#                           bookworm minbase chroot with only make, then
#                           `make deps`, then scripts/check-commands in it;
#                           prints what is missing (scripts/deps-chroot, as
#                           root; 10-20 min; not in make check).
DEPS_PACKAGES += debootstrap git

.PHONY: check-deps check-deps-chroot
check-deps:
	$(TOP)/scripts/check-commands --lint
check-deps-chroot:
	$(TOP)/scripts/deps-chroot

CHECK_TARGETS += check-deps
