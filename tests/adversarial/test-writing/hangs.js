// Never finishes on correct code: the run is stopped at its time, and nothing is graded.
test('spins', () => {
  for (;;);
});
