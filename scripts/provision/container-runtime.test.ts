import { hybridControllers, withDefaultRuntime } from './container-runtime';

const HYBRID = [
  'tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0',
  'cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0',
  'cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0',
  'cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0',
  'cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0',
].join('\n');

describe('the controllers crun needs out of a hybrid host\'s cgroup v2 tree', () => {
  it('are those the v2 tree offers that no v1 hierarchy holds', () => {
    expect(hybridControllers(HYBRID, () => 'hugetlb\n')).toEqual(['hugetlb']);
    expect(hybridControllers(HYBRID, () => 'hugetlb memory rdma\n')).toEqual(['hugetlb', 'rdma']);
  });

  it('are none once the v2 tree offers none', () => {
    expect(hybridControllers(HYBRID, () => '')).toEqual([]);
  });

  it('are none on a pure cgroup v2 host, whose root is the v2 tree (crun runs there as it is)', () => {
    const unified = 'cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0';
    expect(hybridControllers(unified, () => 'cpu memory pids hugetlb')).toEqual([]);
  });
});

describe('daemon.json with crun as the default runtime', () => {
  it('registers crun beside the runtimes already there and keeps every other setting', () => {
    const before = { 'log-level': 'warn', runtimes: { runsc: { path: '/usr/bin/runsc' } } };
    expect(withDefaultRuntime(before, 'crun', '/usr/bin/crun')).toEqual({
      'log-level': 'warn',
      runtimes: { runsc: { path: '/usr/bin/runsc' }, crun: { path: '/usr/bin/crun' } },
      'default-runtime': 'crun',
    });
  });

  it("goes back to the engine's built-in runc by naming it (a reload keeps crun when the setting is only removed), crun still registered", () => {
    const withCrun = withDefaultRuntime({}, 'crun', '/usr/bin/crun');
    expect(withDefaultRuntime(withCrun, 'runc')).toEqual({ runtimes: { crun: { path: '/usr/bin/crun' } }, 'default-runtime': 'runc' });
  });
});
