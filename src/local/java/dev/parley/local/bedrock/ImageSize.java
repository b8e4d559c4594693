package dev.parley.local.bedrock;

/**
 * An image's width and height from its header, for Bedrock's 8,000 px limit: PNG (IHDR) and GIF
 * (logical screen) carry them at fixed offsets; for JPEG and WebP the emulator does not look (null).
 */
final class ImageSize {

    private ImageSize() {}

    static int[] of(byte[] bytes) {
        if (bytes.length >= 24
                && (bytes[0] & 0xff) == 0x89
                && bytes[1] == 'P'
                && bytes[2] == 'N'
                && bytes[3] == 'G') {
            return new int[] {int32(bytes, 16), int32(bytes, 20)};
        }
        if (bytes.length >= 10 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F') {
            return new int[] {
                (bytes[6] & 0xff) | (bytes[7] & 0xff) << 8,
                (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8
            };
        }
        return null;
    }

    private static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24
                | (bytes[at + 1] & 0xff) << 16
                | (bytes[at + 2] & 0xff) << 8
                | bytes[at + 3] & 0xff;
    }
}
