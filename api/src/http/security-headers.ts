import type { RequestHandler } from 'express';

/**
 * Every answer: browsers must take the Content-Type as given and never guess (an upload or a
 * problem document sniffed as HTML would run as a page of this origin).
 */
export const noSniffing: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};

/**
 * Every /api answer: not to be stored by any cache, browser or shared. Many of them hold a
 * secret (a new user's API token, a session's CSRF token, the webhook secret, join codes) and
 * all of them are one user's view; a default here covers the routes added later too. A route
 * may set its own (the event stream does).
 */
export const apiAnswersNotStored: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
