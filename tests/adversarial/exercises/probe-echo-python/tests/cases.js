module.exports = {
  ping: async (t) => {
    const res = await t.get('/ping');
    t.expectStatus(res, 200);
    t.expectJson(res, { pong: true });
  },
  echo: async (t) => {
    const res = await t.post('/echo', { n: 42 });
    t.expectStatus(res, 200);
    t.expectJson(res, { n: 42 });
  },
  // The word only exists here, in the hidden tests: a submission that answers it read what it must not.
  secret: async (t) => {
    const res = await t.post('/echo', { word: 'hidden-word-7f3a' });
    t.expectStatus(res, 200);
    t.expectJson(res, { word: 'hidden-word-7f3a' });
  },
};
