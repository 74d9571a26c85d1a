import express, { type Request, type RequestHandler } from 'express';
import { ARCHIVE_MEDIA_TYPES, LIMITS, PackageFilesBody } from '@grader/contracts';
import { AppError, Errors } from '../http/app-error';
import { parseBody } from '../http/parse';
import { ExercisePackageError, parseExercisePackage, type ExercisePackage } from '../exercises/exercise-package';
import { archiveFormatOf, PackageArchiveError, readPackageArchive } from '../exercises/package-archive';

const parseArchive = express.raw({ type: Object.keys(ARCHIVE_MEDIA_TYPES), limit: LIMITS.exercisePackage.archiveBytes });

/**
 * Reads an archive body (the one route family allowed past the JSON limit), and says which
 * limit it passed when it is too large.
 */
export const archiveBody: RequestHandler = (req, res, next) =>
  parseArchive(req, res, (err?: unknown) => {
    if ((err as { type?: string } | undefined)?.type === 'entity.too.large') return next(Errors.payloadTooLarge(LIMITS.exercisePackage.archiveBytes));
    next(err);
  });

function unsupported(): AppError {
  return new AppError(
    'unsupported_media_type',
    `Send the package as application/json {"files": {path: text}}, or as an archive: ${Object.keys(ARCHIVE_MEDIA_TYPES).join(', ')}.`,
  );
}

/** The files of the package a request carries, read into memory (never onto disk). */
async function packageFiles(req: Request): Promise<Record<string, string>> {
  const format = archiveFormatOf(req.get('content-type'));
  if (format) {
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
      throw new AppError('invalid_archive', 'The archive is empty.', { errors: [{ path: '(archive)', message: 'empty' }] });
    }
    try {
      return await readPackageArchive(req.body, format);
    } catch (err) {
      if (!(err instanceof PackageArchiveError)) throw err;
      throw new AppError('invalid_archive', `The archive was refused: ${err.message}.`, {
        errors: [{ path: err.entry ?? '(archive)', message: err.problem }],
      });
    }
  }
  if (!req.is('application/json')) throw unsupported();
  return parseBody(req, PackageFilesBody).files;
}

/** The exercise package a request carries, parsed and checked as the loader checks a folder; 400/415/422 otherwise. */
export async function packageFromRequest(req: Request): Promise<ExercisePackage> {
  const files = await packageFiles(req);
  try {
    return parseExercisePackage('upload', files);
  } catch (err) {
    if (!(err instanceof ExercisePackageError)) throw err;
    throw new AppError('invalid_exercise', 'The package is not a valid exercise; see errors.', {
      // Located problems name their file, line and column, so that the editor can go to the spot.
      errors: err.located.map(({ message, file, line, column }) => ({ path: file ?? 'package', message, ...(line === undefined ? {} : { line, column }) })),
    });
  }
}
