import { z } from 'zod';

export const MAX_VIDEO_ROOM_URL = 500;

/**
 * A clinician's video room link (Zoom, Doxy.me, Google Meet…): an https address, shown to clients
 * on their private page around their video consultation. Empty = none set.
 */
export const videoRoomUrlSchema = z
  .string()
  .transform((v) => v.trim())
  .pipe(
    z
      .string()
      .max(MAX_VIDEO_ROOM_URL, { message: `Please keep the link to ${MAX_VIDEO_ROOM_URL} characters.` })
      .refine((v) => v === '' || isSafeRoomUrl(v), {
        message: 'Please paste the full https:// address of your video room, for example https://doxy.me/your-room.',
      }),
  );

export const videoRoomFormSchema = z.object({ videoRoomUrl: videoRoomUrlSchema });
export type VideoRoomFormInput = z.infer<typeof videoRoomFormSchema>;

function isSafeRoomUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && !url.username && !url.password && /\.[a-z]{2,}$/i.test(url.hostname);
}
