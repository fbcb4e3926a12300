/* atlas-palette.h — the colours shared by the map, the timeline and the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

/* Colour of an event category ("diplomacy", "military"…).  Known categories have
 * fixed colours from the GNOME palette; others get a stable colour from a hash of
 * the word; NULL is grey. */
void  atlas_palette_category_color (const char *category,
                                    gboolean    dark,
                                    GdkRGBA    *out);

/* The translated name of a known category ("casualties" → "Casualties", "الضحايا"), or
 * NULL for a category of the dataset's own, which is shown as the dataset gives it. */
const char *atlas_palette_category_label (const char *category);

/* A stable, distinct colour for the @index-th item of a list (actors). */
void  atlas_palette_index_color    (guint       index,
                                    gboolean    dark,
                                    GdkRGBA    *out);

/* The highlight used for selected events everywhere. */
void  atlas_palette_selection_color (gboolean   dark,
                                     GdkRGBA   *out);

G_END_DECLS
