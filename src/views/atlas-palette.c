/* atlas-palette.c — the colours shared by the map, the timeline and the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "atlas-palette.h"

/* GNOME HIG palette: blue 3, red 3, green 4, purple 3, orange 3, brown 3,
 * yellow 5, and darker/lighter variants for the dark style. */
typedef struct {
  const char *category;
  guint32     light;
  guint32     dark;
  const char *label;   /* untranslated, context "event category" */
} CategoryColor;

static const CategoryColor category_colors[] = {
  { "diplomacy",    0x1c71d8, 0x62a0ea, NC_("event category", "Diplomacy") },
  { "military",     0xc01c28, 0xf66151, NC_("event category", "Military") },
  { "humanitarian", 0x26a269, 0x57e389, NC_("event category", "Humanitarian") },
  { "casualties",   0x813d9c, 0xc061cb, NC_("event category", "Casualties") },
  { "statement",    0x3d3846, 0xc0bfbc, NC_("event category", "Statement") },
  { "accident",     0xe66100, 0xffa348, NC_("event category", "Accident") },
  { "background",   0x865e3c, 0xcdab8f, NC_("event category", "Background") },
  { "political",    0x1a5fb4, 0x99c1f1, NC_("event category", "Political") },
};

static const guint32 cycle_light[] = {
  0x1c71d8, 0xc01c28, 0x26a269, 0x813d9c, 0xe66100, 0x865e3c,
  0x2190a4, 0xa51d2d, 0x613583, 0x986a44, 0x1a5fb4, 0x2ec27e,
};
static const guint32 cycle_dark[] = {
  0x62a0ea, 0xf66151, 0x57e389, 0xc061cb, 0xffa348, 0xcdab8f,
  0x48c9d9, 0xff7b63, 0xdc8add, 0xdeb887, 0x99c1f1, 0x8ff0a4,
};

static void
set_rgb (GdkRGBA *out,
         guint32  rgb)
{
  out->red = ((rgb >> 16) & 0xff) / 255.f;
  out->green = ((rgb >> 8) & 0xff) / 255.f;
  out->blue = (rgb & 0xff) / 255.f;
  out->alpha = 1.f;
}

void
atlas_palette_category_color (const char *category,
                              gboolean    dark,
                              GdkRGBA    *out)
{
  g_return_if_fail (out != NULL);

  if (category == NULL)
    {
      set_rgb (out, dark ? 0x9a9996 : 0x77767b);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (category_colors); i++)
    if (g_ascii_strcasecmp (category, category_colors[i].category) == 0)
      {
        set_rgb (out, dark ? category_colors[i].dark : category_colors[i].light);
        return;
      }

  atlas_palette_index_color (g_str_hash (category), dark, out);
}

void
atlas_palette_index_color (guint     index,
                           gboolean  dark,
                           GdkRGBA  *out)
{
  g_return_if_fail (out != NULL);

  if (dark)
    set_rgb (out, cycle_dark[index % G_N_ELEMENTS (cycle_dark)]);
  else
    set_rgb (out, cycle_light[index % G_N_ELEMENTS (cycle_light)]);
}

void
atlas_palette_selection_color (gboolean  dark,
                               GdkRGBA  *out)
{
  g_return_if_fail (out != NULL);

  set_rgb (out, dark ? 0xf8e45c : 0xf5c211);
}

const char *
atlas_palette_category_label (const char *category)
{
  if (category == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (category_colors); i++)
    if (g_ascii_strcasecmp (category, category_colors[i].category) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "event category", category_colors[i].label);

  return NULL;
}
