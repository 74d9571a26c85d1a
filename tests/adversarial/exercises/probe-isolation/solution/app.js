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

function createApp() {
  const app = express();
  app.get('/interfaces', (_req, res) => res.json(Object.keys(os.networkInterfaces()).sort()));
  app.get('/dns', (_req, res) => {
    dns.lookup('registry.npmjs.org', (err) => res.json({ resolved: !err }));
  });
  app.get('/reads', (_req, res) => res.json({ files: FORBIDDEN.filter(readable), processes: readableProcesses() }));
  app.get('/environment', (_req, res) => res.json(Object.keys(process.env).sort()));
  return app;
}

module.exports = { createApp };
