import { fetchBytes } from '../shared/fetch-bytes.ts';
import type { MatrixConnection } from './create-matrix-client.ts';
import type { DownloadMatrixMedia } from './to-message.ts';

const MXC_URL = /^mxc:\/\/([^/]+)\/([^/?#]+)$/;

/**
 * Use to fetch an `mxc://server/id` file through the authenticated media API (Matrix 1.11): homeservers
 * have stopped serving media without an access token.
 */
export function createMatrixMediaDownloader(connection: MatrixConnection, maxBytes?: number): DownloadMatrixMedia {
  const base = connection.homeserverUrl.replace(/\/+$/, '');
  return async (mxcUrl) => {
    const match = MXC_URL.exec(mxcUrl);
    if (!match) throw new Error(`not a Matrix media URL: ${mxcUrl}`);
    const [, server = '', mediaId = ''] = match;
    const url = `${base}/_matrix/client/v1/media/download/${encodeURIComponent(server)}/${encodeURIComponent(mediaId)}`;
    return fetchBytes(url, { headers: { Authorization: `Bearer ${connection.accessToken}` }, maxBytes });
  };
}
