import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { AssignmentGradebookDocument as Gradebook } from '@grader/contracts';
import { h } from '../dom';

// Only what the three bar charts use (tree-shaken bundle); drawn from the bundle, nothing fetched.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const DAY = 24 * 3600_000;
const BINS = ['0–19 %', '20–39 %', '40–59 %', '60–79 %', '80–99 %', '100 %'];
const COLOURS = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#dc2626', '#0891b2'];

/** Students per band of the counted, penalised score, one series per exercise; students with nothing graded left out. */
export function scoreDistribution(book: Gradebook): { labels: string[]; series: Array<{ label: string; counts: number[] }> } {
  const series = book.exercises.map((e, i) => {
    const counts = BINS.map(() => 0);
    for (const row of book.rows) {
      const adjusted = row.cells[i]?.adjustedScore;
      if (adjusted === null || adjusted === undefined || e.maxScore === 0) continue;
      const share = adjusted / e.maxScore;
      counts[share >= 1 ? 5 : Math.min(4, Math.floor(share * 5))]! += 1;
    }
    return { label: e.slug, counts };
  });
  return { labels: BINS, series };
}

/** Submissions per day relative to the due date ("-2 d", "due day" for the 24 h up to it, "+1 d" after). */
export function submissionsByDay(book: Gradebook): { labels: string[]; counts: number[] } {
  const due = Date.parse(book.assignment.dueAt);
  const days = book.statistics.submittedAt.map((t) => Math.ceil((Date.parse(t) - due) / DAY));
  if (days.length === 0) return { labels: [], counts: [] };
  const first = Math.min(...days, 0);
  const last = Math.max(...days, 0);
  const labels: string[] = [];
  const counts: number[] = [];
  for (let d = first; d <= last; d++) {
    labels.push(d === 0 ? 'due day' : `${d > 0 ? '+' : ''}${d} d`);
    counts.push(days.filter((x) => x === d).length);
  }
  return { labels, counts };
}

function chartCard(title: string, summary: string, draw: (canvas: HTMLCanvasElement) => void): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title}: ${summary}` });
  const card = h('figure', { class: 'chart card' }, h('figcaption', {}, title), h('div', { class: 'chart-box' }, canvas), h('p', { class: 'muted' }, summary));
  // Drawn once in the page: Chart.js measures its box.
  requestAnimationFrame(() => draw(canvas));
  return card;
}

/** The gradebook's three charts: score distribution per exercise, most failed tests, submissions towards the deadline. */
export function gradebookCharts(book: Gradebook): HTMLElement {
  const distribution = scoreDistribution(book);
  const graded = book.rows.filter((r) => r.cells.some((c) => c.adjustedScore !== null)).length;
  const failed = book.statistics.failedTests.filter((t) => t.failed > 0).slice(0, 10);
  const timeline = submissionsByDay(book);
  const common = { responsive: true, maintainAspectRatio: false, animation: false } as const;
  return h('div', { class: 'charts' },
    chartCard('Score distribution (after late penalties)', `${graded} of ${book.rows.length} students have a graded submission.`, (canvas) =>
      new Chart(canvas, {
        type: 'bar',
        data: { labels: distribution.labels, datasets: distribution.series.map((s, i) => ({ label: s.label, data: s.counts, backgroundColor: COLOURS[i % COLOURS.length] })) },
        options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'students' } } } },
      }),
    ),
    chartCard('Most failed tests', failed.length === 0 ? 'No counted submission failed a test.' : `${failed[0]!.name} failed most: ${failed[0]!.failed} of ${failed[0]!.ran}.`, (canvas) =>
      new Chart(canvas, {
        type: 'bar',
        data: { labels: failed.map((t) => (book.exercises.length > 1 ? `${t.exercise}: ${t.name}` : t.name)), datasets: [{ label: 'students failing it', data: failed.map((t) => t.failed), backgroundColor: '#dc2626' }] },
        options: { ...common, indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
      }),
    ),
    chartCard('Submissions towards the deadline', `${book.statistics.submittedAt.length} submissions in all.`, (canvas) =>
      new Chart(canvas, {
        type: 'bar',
        data: { labels: timeline.labels, datasets: [{ label: 'submissions', data: timeline.counts, backgroundColor: '#2563eb' }] },
        options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      }),
    ),
  );
}
