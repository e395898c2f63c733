/* toa-demo-images.c — pictures for the demo board, painted in code with gdk-pixbuf (no photo
 * is copied): simple landscapes of Bình Phước — a rubber plantation at dawn, cashew hills,
 * Thác Mơ lake, rice fields, an office with its flag, a festival night — each with its alt
 * text and caption. Deterministic: the same picture every time. */
#include "config.h"

#include <math.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "toa-demo-private.h"

#define PIC_W 720
#define PIC_H 450

static const struct {
  const char *alt;
  const char *caption;
} pictures[] = {
  { "Hàng cây cao su thẳng tắp dưới ánh bình minh, nền trời màu cam nhạt",
    "Vườn cao su buổi sớm tại huyện Phú Riềng." },
  { "Những đồi điều xanh nối tiếp nhau dưới bầu trời trong, mặt trời lên cao",
    "Vùng điều nguyên liệu ở huyện Bù Gia Mập vào mùa ra hoa." },
  { "Mặt hồ phẳng lặng phản chiếu dãy núi xa, trời xanh nhạt",
    "Hồ Thác Mơ, thị xã Phước Long, điểm du lịch sinh thái của tỉnh." },
  { "Cánh đồng lúa xanh trải dài tới chân trời, mây trắng trôi trên cao",
    "Cánh đồng lúa tại xã Thiện Hưng, huyện Bù Đốp, trước vụ thu hoạch." },
  { "Tòa nhà trụ sở nhiều tầng, cửa sổ xếp đều, lá cờ đỏ bay trước sân",
    "Trụ sở Trung tâm Phục vụ hành chính công tỉnh." },
  { "Những chiếc đèn lồng nhiều màu treo dọc đường dưới bầu trời đêm đầy sao",
    "Đường hoa đèn lồng tại thành phố Đồng Xoài dịp Tết Nguyên đán." },
};

guint
toa_demo_picture_count (void)
{
  return G_N_ELEMENTS (pictures);
}

const char *
toa_demo_picture_alt (guint kind)
{
  return pictures[kind % G_N_ELEMENTS (pictures)].alt;
}

const char *
toa_demo_picture_caption (guint kind)
{
  return pictures[kind % G_N_ELEMENTS (pictures)].caption;
}

typedef struct {
  double r, g, b;
} Rgb;

static Rgb
mix (Rgb a, Rgb b, double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return (Rgb) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

/* A cheap deterministic noise in [0, 1) for texture. */
static double
hash2 (int x, int y)
{
  guint32 h = (guint32) x * 374761393u + (guint32) y * 668265263u;

  h = (h ^ (h >> 13)) * 1274126177u;
  return (double) (h ^ (h >> 16)) / 4294967296.0;
}

/* A smooth ridge line: the height (0 top … 1 bottom) of hills at @x. */
static double
ridge (double x, double base, double amp, double freq, double phase)
{
  return base - amp * (0.6 * sin (x * freq + phase) + 0.4 * sin (x * freq * 2.3 + phase * 1.7));
}

static Rgb
sky (double y, Rgb top, Rgb horizon)
{
  return mix (top, horizon, y / 0.6);
}

static Rgb
sun_glow (Rgb c, double x, double y, double sx, double sy, double radius, Rgb sun)
{
  double d = hypot ((x - sx) * 1.6, y - sy);

  if (d < radius)
    return sun;
  return mix (c, sun, 0.55 * exp (-(d - radius) * 9.0));
}

static Rgb
paint (guint kind, int px, int py)
{
  double x = (double) px / PIC_W, y = (double) py / PIC_H;
  double n = hash2 (px, py) * 0.06 - 0.03;
  Rgb c;

  switch (kind)
    {
    case 0:   /* rubber trees at dawn: trunks in rows, canopy, shaded ground */
      c = sun_glow (sky (y, (Rgb) { 0.55, 0.62, 0.80 }, (Rgb) { 0.98, 0.72, 0.45 }), x, y, 0.5, 0.42,
                    0.05, (Rgb) { 1.0, 0.93, 0.75 });
      if (y > 0.7)
        c = mix ((Rgb) { 0.42, 0.30, 0.18 }, (Rgb) { 0.25, 0.18, 0.10 }, (y - 0.7) / 0.3);
      for (int row = 0; row < 9; row++)
        {
          static const double wobble[9] = { 0, 0.4, -0.8, 1.0, -0.6, 0.2, 0.7, -1.0, 0.5 };
          double tx = 0.05 + row * 0.11 + 0.01 * wobble[row];
          double width = 0.012 + 0.002 * (row % 3);

          if (fabs (x - tx) < width && y > 0.25 && y < 0.82 + 0.01 * (row % 2))
            c = mix ((Rgb) { 0.35, 0.30, 0.26 }, (Rgb) { 0.22, 0.18, 0.15 }, (x - tx + width) / (2 * width));
        }
      if (y < 0.3 + 0.05 * sin (x * 40.0) * sin (x * 7.0))
        c = mix ((Rgb) { 0.12, 0.30, 0.14 }, (Rgb) { 0.20, 0.42, 0.18 }, hash2 (px / 6, py / 6) * 0.8);
      break;
    case 1:   /* cashew hills under a clear sky */
      c = sun_glow (sky (y, (Rgb) { 0.20, 0.45, 0.85 }, (Rgb) { 0.75, 0.88, 0.98 }), x, y, 0.78, 0.18,
                    0.045, (Rgb) { 1.0, 0.98, 0.85 });
      if (y > ridge (x, 0.55, 0.06, 5.0, 0.4))
        c = (Rgb) { 0.36, 0.55, 0.30 };
      if (y > ridge (x, 0.68, 0.05, 7.0, 2.0))
        c = (Rgb) { 0.28, 0.50, 0.22 };
      if (y > ridge (x, 0.82, 0.04, 9.0, 4.0))
        c = (Rgb) { 0.22, 0.42, 0.16 };
      if (y > 0.58)
        {
          /* rows of round cashew trees */
          double cx = fmod (x * 28.0 + (int) (y * 14.0) * 0.5, 1.0) - 0.5;
          double cy = fmod (y * 14.0, 1.0) - 0.5;
          if (cx * cx + cy * cy < 0.12)
            c = mix ((Rgb) { 0.10, 0.32, 0.10 }, (Rgb) { 0.18, 0.45, 0.15 }, 0.5 - cy);
        }
      break;
    case 2:   /* a lake reflecting mountains */
      {
        double mountain = ridge (x, 0.40, 0.12, 4.0, 1.0);
        double wy = y > 0.5 ? 1.0 - y : y;   /* mirror below the shore line */

        c = sky (wy, (Rgb) { 0.35, 0.60, 0.90 }, (Rgb) { 0.85, 0.92, 0.98 });
        if (wy > mountain)
          c = mix ((Rgb) { 0.30, 0.42, 0.50 }, (Rgb) { 0.20, 0.38, 0.30 }, (wy - mountain) * 6.0);
        if (wy > ridge (x, 0.47, 0.03, 9.0, 3.0))
          c = (Rgb) { 0.16, 0.36, 0.20 };
        if (y > 0.5)
          {
            c = mix (c, (Rgb) { 0.18, 0.35, 0.55 }, 0.35);
            if (fmod (y * 120.0 + sin (x * 30.0) * 2.0, 6.0) < 0.6)
              c = mix (c, (Rgb) { 0.9, 0.95, 1.0 }, 0.35);
          }
      }
      break;
    case 3:   /* rice fields to the horizon, clouds */
      c = sky (y, (Rgb) { 0.25, 0.52, 0.88 }, (Rgb) { 0.80, 0.90, 0.98 });
      for (int k = 0; k < 4; k++)
        {
          /* a cloud: three puffs over a flat base */
          for (int puff = -1; puff <= 1; puff++)
            {
              double cx = 0.15 + k * 0.24 + puff * 0.035, cy = 0.14 + 0.05 * (k % 2) - (puff == 0) * 0.02;
              double d = hypot ((x - cx) * 1.6, y - cy);
              if (d < 0.045 && y < 0.16 + 0.05 * (k % 2))
                c = mix ((Rgb) { 1, 1, 1 }, (Rgb) { 0.85, 0.88, 0.93 }, (y - cy + 0.045) / 0.09);
            }
        }
      if (y > 0.45)
        {
          double depth = (y - 0.45) / 0.55;
          double stripe = fmod ((x - 0.5) / (depth + 0.05) * 3.0 + 10.0, 1.0);

          c = mix ((Rgb) { 0.55, 0.72, 0.30 }, (Rgb) { 0.25, 0.55, 0.15 }, depth);
          if (stripe < 0.08)
            c = mix (c, (Rgb) { 0.45, 0.40, 0.22 }, 0.6);
          c = mix (c, (Rgb) { 0.85, 0.78, 0.35 }, 0.25 * sin (x * 9.0 + depth * 4.0) + 0.1);
        }
      break;
    case 4:   /* an office building and its flag */
      c = sky (y, (Rgb) { 0.30, 0.58, 0.92 }, (Rgb) { 0.82, 0.91, 0.99 });
      if (x > 0.25 && x < 0.85 && y > 0.22 && y < 0.85)
        {
          double wx = fmod ((x - 0.25) * 25.0, 1.0), wy = fmod ((y - 0.22) * 16.0, 1.0);

          c = (Rgb) { 0.93, 0.90, 0.82 };
          if (wx > 0.25 && wx < 0.75 && wy > 0.3 && wy < 0.8 && y < 0.75)
            c = mix ((Rgb) { 0.35, 0.55, 0.70 }, (Rgb) { 0.60, 0.78, 0.90 }, wy);
          if (y > 0.75 && x > 0.48 && x < 0.62)
            c = (Rgb) { 0.30, 0.25, 0.22 };
        }
      if (fabs (x - 0.12) < 0.004 && y > 0.20 && y < 0.85)
        c = (Rgb) { 0.75, 0.75, 0.78 };
      if (x > 0.124 && x < 0.22 && y > 0.21 + 0.01 * sin (x * 60.0) && y < 0.29 + 0.01 * sin (x * 60.0))
        {
          /* the flag: a five-pointed yellow star on red */
          double fx = (x - 0.172) * 1.6, fy = y - 0.25 - 0.01 * sin (x * 60.0);
          double angle = atan2 (fx, -fy) + 2.0 * G_PI;
          double sector = fmod (angle, 2.0 * G_PI / 5.0) - G_PI / 5.0;
          double limit = 0.010 + 0.016 * fabs (sector) / (G_PI / 5.0);

          c = hypot (fx, fy) < limit ? (Rgb) { 1.0, 0.85, 0.0 } : (Rgb) { 0.85, 0.10, 0.10 };
        }
      if (y > 0.85)
        c = mix ((Rgb) { 0.55, 0.55, 0.55 }, (Rgb) { 0.35, 0.55, 0.25 }, x < 0.2 || x > 0.9 ? 1.0 : 0.0);
      break;
    default:  /* lanterns on a festival night */
      c = sky (y, (Rgb) { 0.03, 0.04, 0.15 }, (Rgb) { 0.15, 0.10, 0.30 });
      if (hash2 (px, py) > 0.9985 && y < 0.5)
        c = (Rgb) { 1, 1, 0.9 };
      {
        static const Rgb colours[] = { { 0.95, 0.20, 0.15 }, { 1.0, 0.70, 0.10 },
                                       { 0.95, 0.45, 0.65 }, { 0.30, 0.75, 0.35 } };
        for (int row = 0; row < 3; row++)
          {
            double line = 0.30 + row * 0.22;
            double sag = line + 0.05 * sin (x * G_PI * 2.0);
            double lx = fmod (x * 8.0 + row * 0.33, 1.0) - 0.5;
            double ly = (y - sag - 0.06) * 8.0 / 1.6;
            int which = ((int) (x * 8.0 + row * 0.33) + row) % 4;

            if (fabs (y - sag) < 0.002)
              c = (Rgb) { 0.4, 0.35, 0.3 };
            if (lx * lx + ly * ly < 0.09)
              c = mix (colours[which], (Rgb) { 1, 1, 0.8 }, 0.5 - sqrt (lx * lx + ly * ly) * 1.5);
            else if (lx * lx + ly * ly < 0.25)
              c = mix (c, colours[which], 0.25 * (0.25 - (lx * lx + ly * ly)) / 0.16);
          }
      }
      if (y > 0.9)
        c = (Rgb) { 0.12, 0.10, 0.14 };
      break;
    }
  return (Rgb) { c.r + n, c.g + n, c.b + n };
}

GBytes *
toa_demo_picture_jpeg (guint kind, GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, PIC_W, PIC_H);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  char *buffer = NULL;
  gsize size = 0;

  kind %= G_N_ELEMENTS (pictures);
  for (int py = 0; py < PIC_H; py++)
    for (int px = 0; px < PIC_W; px++)
      {
        Rgb c = paint (kind, px, py);
        guchar *p = pixels + py * stride + px * 3;

        p[0] = (guchar) (CLAMP (c.r, 0.0, 1.0) * 255.0 + 0.5);
        p[1] = (guchar) (CLAMP (c.g, 0.0, 1.0) * 255.0 + 0.5);
        p[2] = (guchar) (CLAMP (c.b, 0.0, 1.0) * 255.0 + 0.5);
      }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", "85", NULL))
    return NULL;
  return g_bytes_new_take (buffer, size);
}
