module.exports = {
  interfaces: async (t) => {
    const res = await t.get('/interfaces');
    t.expectJson(res, ['lo']);
  },
  dns: async (t) => {
    const res = await t.get('/dns');
    t.expectJson(res, { resolved: false });
  },
  reads: async (t) => {
    const res = await t.get('/reads');
    const reached = [...res.body.files, ...res.body.processes];
    if (reached.length > 0) t.fail(`the submission could read ${reached.join(', ')}`);
  },
  writes: async (t) => {
    const res = await t.get('/writes');
    if (res.body.length > 0) t.fail(`the submission could write in ${res.body.join(', ')}`);
  },
  environment: async (t) => {
    const res = await t.get('/environment');
    // Nothing but what a process needs to run; no PYTHONPATH, no NODE_PATH.
    t.expectJson(res, ['HOME', 'LANG', 'PATH', 'TMPDIR']);
  },
};
