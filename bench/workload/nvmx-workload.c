// SPDX-License-Identifier: GPL-2.0
/*
 * nvmx-workload: a tiny KVM guest driven with plain /dev/kvm ioctls, so the
 * probe core has real, countable events on any KVM host:
 *
 *   --pio N          each vCPU's guest executes OUT to port 0x10 in a loop;
 *                    the host runs it for exactly N KVM_EXIT_IO exits
 *   --pvclock M      M writes of MSR_KVM_SYSTEM_TIME_NEW (KVM_SET_MSRS),
 *                    one before each of the last M runs: each activates the
 *                    vCPU's kvmclock gfn_to_pfn_cache and requests a clock
 *                    update, written at the next entry
 *   --dontneed K     K madvise(MADV_DONTNEED) calls on a touched guest page
 *                    (MMU-notifier invalidations)
 *   --vcpus V        V vCPUs, one thread each (default 1)
 *   --wait           print a ready line, then wait for SIGUSR1 before
 *                    running (so a tracer can attach by PID first)
 *   --pause MS       sleep MS milliseconds after the work, before exiting
 *
 * It prints what it did as one JSON object on stdout.  Each MSR write asks
 * for one kvm_pvclock_update at the next entry, so there are at least as
 * many as writes; KVM may add its own (see below), so tests take the exact
 * number from tracefs (tests/lib/tracefs.sh).
 *
 * Everything that could cause incidental KVM events is done before the
 * ready line: vCPU thread stacks are allocated up front (no mmap/mprotect
 * at pthread_create, no stack madvise at thread exit, so the only MMU
 * notifier invalidations while running are the --dontneed ones), and each
 * vCPU thread is pinned to one CPU (a vCPU loaded on another CPU raises
 * KVM_REQ_GLOBAL_CLOCK_UPDATE, an extra pvclock update).  A busy host can
 * still add updates: a preempted vCPU reloaded where the TSC is unstable,
 * or kvmclock_update_work firing 100 ms after the first write while a vCPU
 * is in KVM_RUN (CI once saw 26 updates for 25 writes).
 *
 * It is always built without sanitizers (also in the SAN=1 flavour): the
 * ASan runtime madvise()s and munmap()s its own memory, which would add
 * MMU-notifier events that the workload did not ask for.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "util.h"

#define MSR_KVM_SYSTEM_TIME_NEW 0x4b564d01
#define GUEST_MEM_SIZE 0x40000UL
#define CODE_GPA 0x1000UL
#define PVCLOCK_GPA 0x2000UL		/* 64 bytes per vCPU */
#define DATA_GPA 0x10000UL		/* page hit by MADV_DONTNEED */
#define PIO_PORT 0x10
#define MAX_VCPUS 64
#define STACK_SIZE (256 * 1024)

struct vcpu {
	int id, fd;
	pid_t tid;
	struct kvm_run *run;
	pthread_t thread;
	void *stack;
	int cpu;
	unsigned long long runs, pio, pvclock_writes;
	int err;
	char errmsg[128];
};

static int kvm_fd = -1, vm_fd = -1;
static unsigned char *mem;
static size_t run_size;
static unsigned long long opt_pio = 1000, opt_pvclock, opt_dontneed;
static unsigned int opt_vcpus = 1, opt_pause_ms;
static bool opt_wait;
static struct vcpu vcpus[MAX_VCPUS];

static void usage(FILE *f)
{
	fprintf(f,
		"usage: nvmx-workload [--pio N] [--pvclock M] [--dontneed K] [--vcpus V]\n"
		"                     [--wait] [--pause MS] [-h|--help] [-V|--version]\n"
		"Runs a minimal KVM guest and prints what it did as JSON.\n");
}

static int vcpu_setup(struct vcpu *v)
{
	struct kvm_sregs s;
	struct kvm_regs r;

	v->fd = ioctl(vm_fd, KVM_CREATE_VCPU, v->id);
	if (v->fd < 0)
		return -errno;
	v->run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, v->fd, 0);
	if (v->run == MAP_FAILED) {
		v->run = NULL;
		return -errno;
	}
	if (ioctl(v->fd, KVM_GET_SREGS, &s) < 0)
		return -errno;
	s.cs.base = 0;
	s.cs.selector = 0;
	if (ioctl(v->fd, KVM_SET_SREGS, &s) < 0)
		return -errno;
	memset(&r, 0, sizeof(r));
	r.rip = CODE_GPA;
	r.rflags = 2;
	if (ioctl(v->fd, KVM_SET_REGS, &r) < 0)
		return -errno;
	return 0;
}

static int write_pvclock_msr(struct vcpu *v)
{
	struct {
		struct kvm_msrs hdr;
		struct kvm_msr_entry e;
	} m;

	memset(&m, 0, sizeof(m));
	m.hdr.nmsrs = 1;
	m.e.index = MSR_KVM_SYSTEM_TIME_NEW;
	m.e.data = (PVCLOCK_GPA + 64 * v->id) | 1;	/* enable */
	if (ioctl(v->fd, KVM_SET_MSRS, &m) != 1)
		return errno ? -errno : -EIO;
	return 0;
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *v = arg;
	unsigned long long i;

	v->tid = (pid_t)syscall(SYS_gettid);
	if (v->cpu >= 0) {
		cpu_set_t cs;

		CPU_ZERO(&cs);
		CPU_SET(v->cpu, &cs);
		sched_setaffinity(0, sizeof(cs), &cs);
	}
	for (i = 0; i < opt_pio; i++) {
		/*
		 * The MSR writes go before the last M runs, so the window from
		 * the first write to the end is short and KVM adds few updates
		 * of its own (see the header).
		 */
		if (i >= opt_pio - opt_pvclock) {
			v->err = write_pvclock_msr(v);
			if (v->err) {
				snprintf(v->errmsg, sizeof(v->errmsg),
					 "KVM_SET_MSRS(MSR_KVM_SYSTEM_TIME_NEW): %s",
					 strerror(-v->err));
				return NULL;
			}
			v->pvclock_writes++;
		}
		if (ioctl(v->fd, KVM_RUN, 0) < 0) {
			if (errno == EINTR) {
				v->runs++;
				i--;
				continue;
			}
			v->err = -errno;
			snprintf(v->errmsg, sizeof(v->errmsg), "KVM_RUN: %s", strerror(errno));
			return NULL;
		}
		v->runs++;
		if (v->run->exit_reason != KVM_EXIT_IO || v->run->io.port != PIO_PORT) {
			v->err = -EIO;
			snprintf(v->errmsg, sizeof(v->errmsg),
				 "unexpected exit reason %u", v->run->exit_reason);
			return NULL;
		}
		v->pio++;
	}
	return NULL;
}

/* i-th CPU this process may run on, -1 if unknown */
static int pick_cpu(unsigned int i)
{
	cpu_set_t cs;
	unsigned int n = 0;
	int c;

	if (sched_getaffinity(0, sizeof(cs), &cs))
		return -1;
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &cs) && n++ == i % (unsigned int)CPU_COUNT(&cs))
			return c;
	return -1;
}

static int dontneed(unsigned long long k)
{
	unsigned char *page = mem + DATA_GPA;
	unsigned long long i;

	for (i = 0; i < k; i++) {
		page[0] = (unsigned char)i;	/* fault it in: something to zap */
		if (madvise(page, 4096, MADV_DONTNEED))
			return -errno;
	}
	return 0;
}

/* The VM: its memory (the guest code at CODE_GPA) and opt_vcpus vCPUs. */
static int vm_setup(void)
{
	/* guest: 1: out 0x10, al; jmp 1b */
	static const unsigned char code[] = { 0xe6, PIO_PORT, 0xeb, 0xfc };
	struct kvm_userspace_memory_region region;
	unsigned int i;
	int err;

	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, 0);
	if (vm_fd < 0) {
		p_err("KVM_CREATE_VM: %s", strerror(errno));
		return -1;
	}
	run_size = (size_t)ioctl(kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	mem = mmap(NULL, GUEST_MEM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED) {
		p_err("mmap: %s", strerror(errno));
		return -1;
	}
	madvise(mem, GUEST_MEM_SIZE, MADV_NOHUGEPAGE);
	memcpy(mem + CODE_GPA, code, sizeof(code));
	memset(&region, 0, sizeof(region));
	region.memory_size = GUEST_MEM_SIZE;
	region.userspace_addr = (unsigned long)mem;
	if (ioctl(vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		p_err("KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < opt_vcpus; i++) {
		vcpus[i].id = (int)i;
		vcpus[i].fd = -1;
		vcpus[i].cpu = pick_cpu(i);
		err = vcpu_setup(&vcpus[i]);
		if (!err) {
			vcpus[i].stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
					      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
					      -1, 0);
			if (vcpus[i].stack == MAP_FAILED) {
				vcpus[i].stack = NULL;
				err = -errno;
			}
		}
		if (err) {
			p_err("vCPU %u setup: %s", i, strerror(-err));
			return -1;
		}
	}
	return 0;
}

/* --wait: say that it is ready, then wait for SIGUSR1 */
static int wait_sigusr1(void)
{
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	p_info("pid %d ready, waiting for SIGUSR1", getpid());
	printf("{\"pid\":%d,\"ready\":true}\n", getpid());
	fflush(stdout);
	if (sigwait(&set, &sig)) {
		p_err("sigwait failed");
		return -1;
	}
	return 0;
}

/*
 * The work: the --dontneed calls, then each vCPU's thread to its end;
 * t0 and t1 bracket it.
 */
static int run_vcpus(struct timespec *t0, struct timespec *t1)
{
	unsigned int i;
	int err;

	clock_gettime(CLOCK_MONOTONIC, t0);
	err = dontneed(opt_dontneed);
	if (err) {
		p_err("madvise(MADV_DONTNEED): %s", strerror(-err));
		return -1;
	}
	for (i = 0; i < opt_vcpus; i++) {
		pthread_attr_t attr;

		pthread_attr_init(&attr);
		pthread_attr_setstack(&attr, vcpus[i].stack, STACK_SIZE);
		err = pthread_create(&vcpus[i].thread, &attr, vcpu_thread, &vcpus[i]);
		pthread_attr_destroy(&attr);
		if (err) {
			p_err("pthread_create: %s", strerror(err));
			opt_vcpus = i;
			break;
		}
	}
	for (i = 0; i < opt_vcpus; i++)
		pthread_join(vcpus[i].thread, NULL);
	clock_gettime(CLOCK_MONOTONIC, t1);
	if (err)
		return -1;
	for (i = 0; i < opt_vcpus; i++) {
		if (vcpus[i].err) {
			p_err("vCPU %u: %s", i, vcpus[i].errmsg);
			return -1;
		}
	}
	return 0;
}

/* What it did, as one JSON object on stdout */
static void print_result(const struct timespec *t0, const struct timespec *t1)
{
	unsigned long long pio_total = 0, runs_total = 0, pvw = 0;
	unsigned int i;

	for (i = 0; i < opt_vcpus; i++) {
		pio_total += vcpus[i].pio;
		runs_total += vcpus[i].runs;
		pvw += vcpus[i].pvclock_writes;
	}
	printf("{\"pid\":%d,\"vcpus\":%u,\"pio_exits\":%llu,\"kvm_runs\":%llu,"
	       "\"userspace_exits\":%llu,\"pvclock_msr_writes\":%llu,"
	       "\"dontneed_calls\":%llu,"
	       "\"elapsed_ns\":%lld,\"threads\":[",
	       getpid(), opt_vcpus, pio_total, runs_total, runs_total, pvw,
	       opt_dontneed,
	       (long long)((t1->tv_sec - t0->tv_sec) * 1000000000LL + (t1->tv_nsec - t0->tv_nsec)));
	for (i = 0; i < opt_vcpus; i++)
		printf("%s{\"vcpu_id\":%d,\"tid\":%d,\"pio_exits\":%llu,\"kvm_runs\":%llu,"
		       "\"cpu\":%d,\"pvclock_msr_writes\":%llu}",
		       i ? "," : "", vcpus[i].id, vcpus[i].tid, vcpus[i].pio, vcpus[i].runs,
		       vcpus[i].cpu, vcpus[i].pvclock_writes);
	printf("]}\n");
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "pio", required_argument, NULL, 'n' },
		{ "pvclock", required_argument, NULL, 'c' },
		{ "dontneed", required_argument, NULL, 'd' },
		{ "vcpus", required_argument, NULL, 'v' },
		{ "wait", no_argument, NULL, 'w' },
		{ "pause", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	struct timespec t0, t1;
	unsigned long long tmp;
	int opt, rc = 1;
	unsigned int i;

	nvmx_msg.prog = "nvmx-workload";
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":hV", lo, NULL)) != -1) {
		switch (opt) {
		case 'n':
			if (nvmx_parse_uint("--pio", optarg, 0, 1ULL << 40, &opt_pio, NULL, 0))
				return NVMX_EXIT_USAGE;
			break;
		case 'c':
			if (nvmx_parse_uint("--pvclock", optarg, 0, 1ULL << 40, &opt_pvclock,
					    NULL, 0))
				return NVMX_EXIT_USAGE;
			break;
		case 'd':
			if (nvmx_parse_uint("--dontneed", optarg, 0, 1ULL << 40, &opt_dontneed,
					    NULL, 0))
				return NVMX_EXIT_USAGE;
			break;
		case 'v':
			if (nvmx_parse_uint("--vcpus", optarg, 1, MAX_VCPUS, &tmp, NULL, 0))
				return NVMX_EXIT_USAGE;
			opt_vcpus = (unsigned int)tmp;
			break;
		case 'w':
			opt_wait = true;
			break;
		case 'p':
			if (nvmx_parse_uint("--pause", optarg, 0, 3600000, &tmp, NULL, 0))
				return NVMX_EXIT_USAGE;
			opt_pause_ms = (unsigned int)tmp;
			break;
		default:	/* -h, -V, errors */
			return nvmx_opt_default(opt, argv, usage);
		}
	}
	if (nvmx_no_more_args(argc, argv))
		return NVMX_EXIT_USAGE;
	if (opt_pvclock > opt_pio) {
		p_err("--pvclock must not exceed --pio");
		return 2;
	}

	kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm_fd < 0) {
		p_err("/dev/kvm: %s", strerror(errno));
		return 1;
	}
	if (vm_setup() || (opt_wait && wait_sigusr1()) || run_vcpus(&t0, &t1))
		goto close_vcpus;
	print_result(&t0, &t1);
	rc = 0;
	if (opt_pause_ms) {
		struct timespec ts = { opt_pause_ms / 1000, (opt_pause_ms % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
close_vcpus:
	/*
	 * No munmap() here: unmapping kvm_run or guest memory while the VM
	 * lives is an MMU-notifier invalidation we did not ask for.  exit()
	 * releases the notifier before tearing the address space down.
	 */
	for (i = 0; i < MAX_VCPUS; i++)
		if (vcpus[i].fd > 0)
			close(vcpus[i].fd);
	if (vm_fd >= 0)
		close(vm_fd);
	close(kvm_fd);
	return rc;
}
