import { describeSyntaxErrors, findSyntaxErrors } from './source-check';

describe('the syntax check of submitted JavaScript', () => {
  it('accepts a CommonJS module, top-level return included', () => {
    expect(findSyntaxErrors({ 'app.js': "const express = require('express');\nif (!express) return;\nmodule.exports = {};\n" })).toEqual([]);
  });

  it('names the file and line of a syntax error', () => {
    const problems = findSyntaxErrors({ 'app.js': 'function f() {\n  return 1;\n}}\n' });
    expect(problems).toEqual([{ file: 'app.js', line: 3, message: "Unexpected token '}'" }]);
    expect(describeSyntaxErrors(problems)).toBe("app.js:3: Unexpected token '}'");
  });

  it('refuses ES module syntax with a hint to use require', () => {
    const text = describeSyntaxErrors(findSyntaxErrors({ 'app.js': "import express from 'express';\n" }));
    expect(text).toBe("app.js:1: Cannot use import statement outside a module (your app is a CommonJS module: load packages with require('express'))");
  });

  it('checks every .js and .cjs file in path order and nothing else', () => {
    const problems = findSyntaxErrors({ 'routes/b.cjs': 'let = ;', 'a.js': '(', 'data.json': '{', 'notes.md': '(' });
    expect(problems.map((p) => p.file)).toEqual(['a.js', 'routes/b.cjs']);
  });

  it('never runs the code it checks', () => {
    expect(findSyntaxErrors({ 'app.js': 'throw new Error("ran")' })).toEqual([]);
  });
});
