/**
 * Image-classification data in the usual folder layout ({@code ROOT/train/CLASS/*.jpg}, {@code ROOT/val/CLASS/...}),
 * as ImageNet and its 100-class subset ImageNet-100 are distributed: {@link org.rramlab.data.images.ImageFolder}
 * indexes the files without decoding them, {@link org.rramlab.data.images.ImageTransform} says how a decoded picture
 * becomes a network input (resize, crop, flip, per-channel normalisation), and
 * {@link org.rramlab.data.images.ImageBatches} streams shuffled batches, decoding the next batch while the current one
 * is used, so a data set larger than memory can be trained on.
 *
 * <p>Imports only {@code org.rramlab.data}.
 */
package org.rramlab.data.images;
