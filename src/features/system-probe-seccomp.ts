/**
 * The seccomp profile system-probe runs under: an allow list, everything else fails with an
 * error (SCMP_ACT_ERRNO). The syscall list is data, kept sorted; the JSON is built from it, so
 * the profile is reviewable line by line and identical on every synthesis.
 *
 * The set of syscalls is the one the Helm chart allows for system-probe (its `F-security`
 * ConfigMap), written here as our own list, and the rules carry the same fields (`comment`, empty
 * `includes`/`excludes`, no `valueTwo` where the chart has none), so the profile is the chart's
 * data exactly: `cdk8s-datadog compare` finds no difference (test/cli/corpus.test.ts).
 */

/** Syscalls system-probe may always make. Sorted; a test keeps it sorted and free of duplicates. */
export const SYSTEM_PROBE_SYSCALLS: readonly string[] = [
  'accept4', 'access', 'arch_prctl', 'bind', 'bpf', 'brk', 'capget', 'capset', 'chdir', 'chmod',
  'chown', 'clock_gettime', 'clone', 'clone3', 'close', 'close_range', 'connect', 'copy_file_range',
  'creat', 'dup', 'dup2', 'dup3', 'epoll_create', 'epoll_create1', 'epoll_ctl', 'epoll_ctl_old',
  'epoll_pwait', 'epoll_wait', 'epoll_wait_old', 'eventfd', 'eventfd2', 'execve', 'execveat', 'exit',
  'exit_group', 'faccessat', 'faccessat2', 'fchmod', 'fchmodat', 'fchown', 'fchown32', 'fchownat',
  'fcntl', 'fcntl64', 'flock', 'fstat', 'fstat64', 'fstatfs', 'fsync', 'futex', 'futimens', 'getcwd',
  'getdents', 'getdents64', 'getegid', 'geteuid', 'getgid', 'getgroups', 'getpeername', 'getpgrp',
  'getpid', 'getppid', 'getpriority', 'getrandom', 'getresgid', 'getresgid32', 'getresuid',
  'getresuid32', 'getrlimit', 'getrusage', 'getsid', 'getsockname', 'getsockopt', 'gettid',
  'gettimeofday', 'getuid', 'getxattr', 'inotify_add_watch', 'inotify_init', 'inotify_init1',
  'inotify_rm_watch', 'ioctl', 'ipc', 'listen', 'lseek', 'lstat', 'lstat64', 'madvise', 'memfd_create',
  'mkdir', 'mkdirat', 'mmap', 'mmap2', 'mprotect', 'mremap', 'munmap', 'nanosleep', 'newfstatat',
  'open', 'openat', 'openat2', 'pause', 'perf_event_open', 'pidfd_open', 'pidfd_send_signal', 'pipe',
  'pipe2', 'poll', 'ppoll', 'prctl', 'pread64', 'prlimit64', 'pselect6', 'read', 'readlink',
  'readlinkat', 'recvfrom', 'recvmmsg', 'recvmsg', 'rename', 'renameat', 'renameat2',
  'restart_syscall', 'rmdir', 'rseq', 'rt_sigaction', 'rt_sigpending', 'rt_sigprocmask',
  'rt_sigqueueinfo', 'rt_sigreturn', 'rt_sigsuspend', 'rt_sigtimedwait', 'rt_tgsigqueueinfo',
  'sched_getaffinity', 'sched_yield', 'seccomp', 'select', 'semtimedop', 'send', 'sendmmsg',
  'sendmsg', 'sendto', 'set_robust_list', 'set_tid_address', 'setgid', 'setgid32', 'setgroups',
  'setgroups32', 'setitimer', 'setns', 'setpgid', 'setresgid', 'setresuid', 'setrlimit', 'setsid',
  'setsockopt', 'setuid', 'setuid32', 'shutdown', 'sigaltstack', 'socket', 'socketcall', 'socketpair',
  'stat', 'stat64', 'statfs', 'statx', 'symlinkat', 'sysinfo', 'tgkill', 'tkill', 'umask', 'uname',
  'unlink', 'unlinkat', 'utime', 'utimensat', 'utimes', 'wait4', 'waitid', 'waitpid', 'write', 'writev',
];

/** `setns` argument 1 for entering a network namespace (CLONE_NEWNET). */
const CLONE_NEWNET = 0x40000000;

export interface SeccompOptions {
  /** Syscalls allowed beyond the base list, with any arguments (`kill` for CWS enforcement). */
  readonly extraSyscalls: readonly string[];
}

/** The profile as an object. Key order is fixed here, syscall names are sorted. */
export function systemProbeSeccompProfile(o: SeccompOptions): any {
  const names = [...new Set([...SYSTEM_PROBE_SYSCALLS, ...o.extraSyscalls])].sort();
  return {
    defaultAction: 'SCMP_ACT_ERRNO',
    syscalls: [
      { names, action: 'SCMP_ACT_ALLOW', args: null },
      {
        // Entering network namespaces only (conntrack and connection tracking per container).
        names: ['setns'],
        action: 'SCMP_ACT_ALLOW',
        args: [{ index: 1, value: CLONE_NEWNET, valueTwo: 0, op: 'SCMP_CMP_EQ' }],
        comment: '',
        includes: {},
        excludes: {},
      },
      {
        // Signal 0 only: checks whether a process exists, delivers nothing.
        names: ['kill'],
        action: 'SCMP_ACT_ALLOW',
        args: [{ index: 1, value: 0, op: 'SCMP_CMP_EQ' }],
        comment: 'allow process detection via kill',
        includes: {},
        excludes: {},
      },
    ],
  };
}

/** The profile as the JSON text the `seccomp-setup` init container copies to the node. */
export function systemProbeSeccompJson(o: SeccompOptions): string {
  return `${JSON.stringify(systemProbeSeccompProfile(o), null, 2)}\n`;
}
