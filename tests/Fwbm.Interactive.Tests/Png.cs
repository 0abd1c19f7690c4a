using System.IO.Compression;

namespace Fwbm.Interactive.Tests;

/// <summary>A minimal PNG reader for screenshots: 8-bit RGB or RGBA, not interlaced (what headless Chromium writes).</summary>
internal sealed class Png
{
    public int Width { get; }
    public int Height { get; }
    private readonly byte[] _rgb; // 3 bytes per pixel, row-major

    private Png(int w, int h, byte[] rgb) { Width = w; Height = h; _rgb = rgb; }

    public (byte R, byte G, byte B) this[int x, int y] { get { int k = 3 * (y * Width + x); return (_rgb[k], _rgb[k + 1], _rgb[k + 2]); } }

    /// <summary>Pixels in the rectangle [x0, x1) × [y0, y1) (clipped to the image) that differ from white by more than <paramref name="tolerance"/>.</summary>
    public int NonWhite(int x0, int y0, int x1, int y1, int tolerance = 20)
    {
        int n = 0;
        for (int y = Math.Max(0, y0); y < Math.Min(Height, y1); y++)
            for (int x = Math.Max(0, x0); x < Math.Min(Width, x1); x++)
            {
                var (r, g, b) = this[x, y];
                if (255 - Math.Min(r, Math.Min(g, b)) > tolerance) n++;
            }
        return n;
    }

    public static Png Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || bytes[1] != 'P' || bytes[2] != 'N' || bytes[3] != 'G') throw new InvalidDataException($"{path} is not a PNG.");
        int pos = 8, w = 0, h = 0, colourType = 0;
        var idat = new MemoryStream();
        while (pos + 8 <= bytes.Length)
        {
            int len = (bytes[pos] << 24) | (bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3];
            string type = System.Text.Encoding.ASCII.GetString(bytes, pos + 4, 4);
            int data = pos + 8;
            if (type == "IHDR")
            {
                w = (bytes[data] << 24) | (bytes[data + 1] << 16) | (bytes[data + 2] << 8) | bytes[data + 3];
                h = (bytes[data + 4] << 24) | (bytes[data + 5] << 16) | (bytes[data + 6] << 8) | bytes[data + 7];
                if (bytes[data + 8] != 8) throw new InvalidDataException($"{path}: bit depth {bytes[data + 8]}; expected 8.");
                colourType = bytes[data + 9];
                if (colourType is not (2 or 6)) throw new InvalidDataException($"{path}: colour type {colourType}; expected RGB (2) or RGBA (6).");
                if (bytes[data + 12] != 0) throw new InvalidDataException($"{path} is interlaced.");
            }
            else if (type == "IDAT") idat.Write(bytes, data, len);
            else if (type == "IEND") break;
            pos = data + len + 4;
        }
        int bpp = colourType == 6 ? 4 : 3, stride = w * bpp;
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var src = raw.ToArray();
        var cur = new byte[stride]; var prev = new byte[stride];
        var rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            int o = y * (stride + 1);
            byte filter = src[o];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0, x = src[o + 1 + i];
                cur[i] = (byte)(filter switch
                {
                    0 => x,
                    1 => x + a,
                    2 => x + b,
                    3 => x + (a + b) / 2,
                    4 => x + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"{path}: PNG filter {filter}."),
                });
            }
            for (int px = 0; px < w; px++)
            {
                // composite over white (transparent = background)
                int alpha = bpp == 4 ? cur[px * 4 + 3] : 255;
                for (int ch = 0; ch < 3; ch++) rgb[3 * (y * w + px) + ch] = (byte)((cur[px * bpp + ch] * alpha + 255 * (255 - alpha)) / 255);
            }
            (cur, prev) = (prev, cur);
        }
        return new Png(w, h, rgb);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
