/**
 * Names every plain JavaScript object answers for without having them: a lookup table or a store
 * written as a plain object (`COLUMNS[input]`, `books[id]`, `input in ALLOWED`) finds them. The
 * injection battery sends them as column names, the REST checks as ids no resource has.
 */

/** Own names of Object.prototype (what `{}` answers for, whatever its own keys). */
export const INHERITED_NAMES: readonly string[] = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
];

/** The first inputs of the class: what a plain-object lookup finds most surely. */
export const CANONICAL_INHERITED_NAMES: readonly string[] = ['constructor', '__proto__', 'toString'];
