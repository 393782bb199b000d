import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode, invalidInput } from '../errors/app-error.ts';
import type { RawFileStore, StagedFile } from '../storage/raw-file-store.ts';

export interface MultipartUpload {
  /** The file, streamed to the store's staging area and hashed on the way; keep() or discard() it. */
  staged: StagedFile;
  filename: string;
  fields: Record<string, string>;
}

/**
 * Reads a multipart body with one `file` part and text fields in any order. The file goes to disk as
 * it arrives (never whole in memory: a 50 MB upload would be 100 MB of buffers on a 512 MB instance);
 * size limits are the plugin's, and a file over them is discarded and refused with 413.
 */
export async function readMultipartUpload(request: FastifyRequest, files: RawFileStore, maxBytes: number): Promise<MultipartUpload> {
  if (!request.isMultipart()) throw invalidInput('Send the document as multipart/form-data with a field named "file".');
  const fields: Record<string, string> = {};
  let upload: { staged: StagedFile; filename: string } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume(); // drain it so the request completes
          throw invalidInput(`Unexpected file field "${part.fieldname}": send exactly one file, in the field "file".`);
        }
        const staged = await files.stage(part.file);
        upload = { staged, filename: part.filename || 'upload' };
        if (part.file.truncated) throw tooLarge(maxBytes);
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (error) {
    await upload?.staged.discard();
    throw error;
  }
  if (!upload) throw invalidInput('No file received: send it in a multipart field named "file".');
  return { ...upload, fields };
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(ErrorCode.payloadTooLarge, `The file is larger than the limit of ${Math.round((maxBytes / (1024 * 1024)) * 10) / 10} MB (UPLOAD_MAX_BYTES).`, {
    details: { limitBytes: maxBytes },
  });
}
