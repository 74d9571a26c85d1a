import { ERROR_CATALOGUE, ERROR_CODES } from '@grader/contracts';
import { AppError, Errors } from './app-error';

describe('AppError', () => {
  it('takes its status and title from the catalogue', () => {
    for (const code of ERROR_CODES) {
      const error = new AppError(code, 'detail');
      expect({ code: error.code, status: error.status, title: error.title }).toEqual({ code, status: ERROR_CATALOGUE[code].status, title: ERROR_CATALOGUE[code].title });
    }
  });

  it('does not compile with a code outside the catalogue, nor with a status of the caller’s choosing', () => {
    // @ts-expect-error: not a code of the catalogue (and at run time no status to take)
    expect(() => new AppError('no_such_code', 'detail')).toThrow();
    // @ts-expect-error: the status is the catalogue's, never given
    expect(() => new AppError(400, 'not_found', 'Not found', 'detail')).toThrow();
  });

  it('gives each 4xx a library raises the catalogue’s code for its status, and any other the plain bad request', () => {
    const answer = (status: number) => {
      const error = Errors.clientStatus(status);
      return [error.status, error.code, error.detail];
    };
    expect(answer(416)).toEqual([416, 'range_not_satisfiable', 'The request was refused (416 Range Not Satisfiable).']);
    expect(answer(412)).toEqual([412, 'precondition_failed', 'The request was refused (412 Precondition Failed).']);
    expect(answer(417)).toEqual([417, 'expectation_failed', 'The request was refused (417 Expectation Failed).']);
    expect(answer(400)).toEqual([400, 'bad_request', 'The request was refused (400 Bad Request).']);
    expect(answer(418)).toEqual([400, 'bad_request', "The request was refused (418 I'm a Teapot)."]);
  });
});
