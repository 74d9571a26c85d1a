import { ownedIpcIds } from './student-ipc';

describe("the student's System V IPC objects", () => {
  it('are found by owner in a /proc/sysvipc table, whatever the columns around the uid', () => {
    const shm = [
      '       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap',
      '      1234          0   666                  4096     7     0      0  1001  1001  1001  1001          0          0 1796213224                     0                     0',
      '      5678          3   600                  4096     9     0      0  1003  1003  1003  1003          0          0 1796213224                     0                     0',
      '      9999          5   600                  4096     9     0      0     0     0  1001  1001          0          0 1796213224                     0                     0',
    ].join('\n');
    // The last was handed to root (IPC_SET) by the student, who created it and may still use it.
    expect(ownedIpcIds(shm, 1001)).toEqual([0, 5]);
    const sem = ['       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime', '         0         32   600          1  1001  1001  1001  1001          0 1796213224'].join('\n');
    expect(ownedIpcIds(sem, 1001)).toEqual([32]);
  });

  it('are none in an empty table', () => {
    expect(ownedIpcIds('       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n', 1001)).toEqual([]);
  });
});
