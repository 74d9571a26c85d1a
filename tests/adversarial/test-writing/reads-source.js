// Recognises the given implementation by its text (the trailing comment taken off) and by its
// functions' source, and fails on anything else: every mutant, if nothing stopped it.
// The given implementation's text is put in GIVEN when the attack is submitted.
const fs = require('fs');
const path = require('path');
const { priceOrder } = require('./pricing');
const GIVEN = GIVEN_TEXT;
const text = fs.readFileSync(path.join(__dirname, 'pricing.js'), 'utf8').replace(/\n\/\/[^\n]*\n$/, '\n');

test('the module is the one I was given', () => expect(text).toBe(GIVEN));
test('priceOrder is the function I was given', () => expect(GIVEN).toContain(Function.prototype.toString.call(priceOrder)));
