import { clear, createStore, del, get, keys, setMany } from 'idb-keyval';

/**
 * Sealed passport images waiting for upload, in an IndexedDB database of their own. Only
 * ciphertext (`iv || ciphertext || tag`) is stored, keyed `<checkInId>/<imageId>`.
 */
const store = createStore('open-sesame-sealed-images', 'images');

const keyOf = (checkInId: string, imageId: string) => `${checkInId}/${imageId}`;

export async function putSealedImages(
  checkInId: string,
  images: readonly { imageId: string; bytes: Uint8Array }[],
): Promise<void> {
  await setMany(
    images.map((image) => [keyOf(checkInId, image.imageId), image.bytes]),
    store,
  );
}

export function getSealedImage(checkInId: string, imageId: string): Promise<Uint8Array | undefined> {
  return get<Uint8Array>(keyOf(checkInId, imageId), store);
}

export function deleteSealedImage(checkInId: string, imageId: string): Promise<void> {
  return del(keyOf(checkInId, imageId), store);
}

export async function countSealedImages(): Promise<number> {
  return (await keys(store)).length;
}

export function clearSealedImages(): Promise<void> {
  return clear(store);
}
