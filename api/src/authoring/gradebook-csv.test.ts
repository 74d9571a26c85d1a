import { csvCell, gradebookCsv } from './gradebook-csv';

describe('the gradebook CSV', () => {
  it('quotes cells holding commas, quotes or line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(7.5)).toBe('7.5');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('defuses a text cell a spreadsheet would run as a formula: %j', (value) => {
    expect(csvCell(value).replace(/^"/, '')).toMatch(/^'/);
  });

  it('writes one row per student, one column per exercise (its title, slug and points) with the best score, empty when never graded, and the total', () => {
    const csv = gradebookCsv({
      exercises: [
        { slug: 'a', title: 'Rows, counted', maxScore: 10 },
        { slug: 'b', title: 'B', maxScore: 5 },
      ],
      students: [
        { id: 'u1', username: 'ann', displayName: 'Ann' },
        { id: 'u2', username: 'bob', displayName: '=cmd|calc' },
      ],
      best: new Map([
        ['u1 a', 10],
        ['u2 b', 2.5],
      ]),
    });
    expect(csv).toBe(`username,display_name,"Rows, counted [a] (/10)",B [b] (/5),total (/15)\r\nann,Ann,10,,10\r\nbob,'=cmd|calc,,2.5,2.5\r\n`);
  });
});
