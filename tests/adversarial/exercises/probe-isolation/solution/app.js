// The probe itself: reports what this process can reach. Used as the submission.
const dns = require('node:dns');
const fs = require('node:fs');
const os = require('node:os');
const express = require('express');

/**
 * Paths the student must not read: the harness, its private workspace, its process's
 * environment and memory, a Docker socket. (A process's cmdline is world-readable on Linux;
 * the harness's holds no secret, so it is not listed.)
 */
const FORBIDDEN = ['/grader', '/opt/harness', '/opt/harness/harness.js', '/proc/1/environ', '/proc/1/mem', '/var/run/docker.sock', '/run/docker.sock'];

function readable(path) {
  try {
    if (fs.statSync(path).isDirectory()) fs.readdirSync(path);
    else fs.readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Any process not ours whose environment or memory we can read. */
function readableProcesses() {
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid || Number(pid) === process.ppid) continue;
    let uid;
    try {
      uid = fs.statSync(`/proc/${pid}`).uid;
    } catch {
      continue;
    }
    if (uid === process.getuid()) continue;
    for (const file of ['environ', 'mem', 'fd']) if (readable(`/proc/${pid}/${file}`)) found.push(`/proc/${pid}/${file}`);
  }
  return found;
}

/** Where student files may live: cleared by the harness between tests (clear-student-files.ts). */
const SCRATCH = ['/tmp', '/dev/shm', '/dev/mqueue', os.homedir()];

/**
 * Every mount point (and the root) outside SCRATCH in which this process can create a file: a
 * place there would carry state from one test to the next (as crun's writable /sys/fs/cgroup once did).
 */
function writablePlaces() {
  const mountPoints = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter(Boolean).map((line) => line.split(' ')[4]);
  const found = [];
  for (const dir of new Set(['/', ...mountPoints])) {
    if (SCRATCH.includes(dir)) continue;
    const file = `${dir.replace(/\/$/, '')}/.probe-${process.pid}`;
    try {
      fs.writeFileSync(file, 'x', { flag: 'wx' });
      fs.rmSync(file, { force: true });
      found.push(dir);
    } catch {
      // refused: as it should be
    }
  }
  return found;
}

function createApp() {
  const app = express();
  app.get('/interfaces', (_req, res) => res.json(Object.keys(os.networkInterfaces()).sort()));
  app.get('/dns', (_req, res) => {
    dns.lookup('registry.npmjs.org', (err) => res.json({ resolved: !err }));
  });
  app.get('/reads', (_req, res) => res.json({ files: FORBIDDEN.filter(readable), processes: readableProcesses() }));
  app.get('/writes', (_req, res) => res.json(writablePlaces()));
  app.get('/environment', (_req, res) => res.json(Object.keys(process.env).sort()));
  return app;
}

module.exports = { createApp };
