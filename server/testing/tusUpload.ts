import * as tus from 'tus-js-client';

export const CHUNK = 4 * 1024 * 1024;
export const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Field-Phone) Shieldline-test';

export interface UploadRun {
  url: string | null;
  firstOffset: number | null;
  headers: Record<string, string>;
}

/** Runs one tus upload of `data`; `stopAt` aborts it (without terminating) once that many bytes are in. */
export function runUpload(
  rt: { url: string },
  cookie: string,
  data: Buffer,
  metadata: Record<string, string>,
  options: { resumeUrl?: string; stopAt?: number } = {},
): Promise<UploadRun> {
  return new Promise((resolve, reject) => {
    const run: UploadRun = { url: null, firstOffset: null, headers: {} };
    const upload = new tus.Upload(data, {
      endpoint: `${rt.url}/api/v1/uploads/tus`,
      uploadUrl: options.resumeUrl ?? null,
      headers: { cookie, 'user-agent': PHONE_UA },
      metadata,
      chunkSize: CHUNK,
      retryDelays: [],
      storeFingerprintForResuming: false,
      onProgress: (sent) => {
        run.firstOffset ??= sent;
        if (options.stopAt !== undefined && sent >= options.stopAt) {
          run.url = upload.url;
          void upload.abort(false).then(() => resolve(run));
        }
      },
      onAfterResponse: (_req, res) => {
        for (const name of ['Upload-Sha256', 'Upload-Verified']) {
          const value = res.getHeader(name);
          if (value) run.headers[name] = value;
        }
      },
      onSuccess: () => {
        run.url = upload.url;
        resolve(run);
      },
      onError: reject,
    });
    upload.start();
  });
}
