import type { FastifyRequest } from 'fastify';
import { invalidInput } from '../errors/app-error.ts';

export interface MultipartUpload {
  bytes: Buffer;
  filename: string;
  fields: Record<string, string>;
}

/** Reads a multipart body with one `file` part and text fields in any order; limits are the plugin's. */
export async function readMultipartUpload(request: FastifyRequest): Promise<MultipartUpload> {
  if (!request.isMultipart()) throw invalidInput('Send the document as multipart/form-data with a field named "file".');
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        await part.toBuffer(); // drain it so the request completes
        throw invalidInput(`Unexpected file field "${part.fieldname}": send exactly one file, in the field "file".`);
      }
      file = { bytes: await part.toBuffer(), filename: part.filename || 'upload' };
    } else {
      fields[part.fieldname] = String(part.value ?? '');
    }
  }
  if (!file) throw invalidInput('No file received: send it in a multipart field named "file".');
  return { ...file, fields };
}
