/** probe-redis: see exercise.yaml. */
async function markOf(t) {
  const res = await t.get('/mark');
  t.expectStatus(res, 200);
  return res.body;
}

async function runIdOf(t) {
  return /run_id:(\w+)/.exec(String(await t.redis.call('INFO', 'server')))[1];
}

module.exports = {
  'observed-from-outside': async (t) => {
    const app = await markOf(t);
    if (app.runId !== (await runIdOf(t)) || app.port !== 6379) t.fail(`the app and the grader talk to different servers: ${JSON.stringify(app)}`);
    // The outside test sets `observed` through this server once it has seen it in the sandbox.
    for (;;) {
      if ((await t.redis.value('observed')) !== null) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  },

  'fresh-per-test': async (t) => {
    const app = await markOf(t);
    await t.redis.expectKeys([app.mark], 'a server of its own for each test holds only what this test\'s app wrote');
  },
};
