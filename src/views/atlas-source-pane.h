/* atlas-source-pane.h — the source text beside the map, every event's sentence marked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "atlas-model.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SOURCE_PANE (atlas_source_pane_get_type ())
G_DECLARE_FINAL_TYPE (AtlasSourcePane, atlas_source_pane, ATLAS, SOURCE_PANE, GtkWidget)

GtkWidget    *atlas_source_pane_new                   (void);
AtlasContext *atlas_source_pane_get_context           (AtlasSourcePane *self);
void          atlas_source_pane_set_context           (AtlasSourcePane *self,
                                                       AtlasContext    *context);

/* TRUE when some source of the dataset has text to show */
gboolean      atlas_source_pane_has_text              (AtlasSourcePane *self);

/* Mostly for tests.  @source_index is the source's position in
 * atlas_dataset_get_sources(); @char_offset a character offset in its text. */

/* the same path as a click (Ctrl in @modifiers adds to the selection) */
void          atlas_source_pane_click_at_offset       (AtlasSourcePane *self,
                                                       guint            source_index,
                                                       gint64           char_offset,
                                                       GdkModifierType  modifiers);
/* some event's excerpt covers the character */
gboolean      atlas_source_pane_offset_is_marked      (AtlasSourcePane *self,
                                                       guint            source_index,
                                                       gint64           char_offset);
/* a selected event's excerpt covers the character (it is highlighted) */
gboolean      atlas_source_pane_offset_is_selected    (AtlasSourcePane *self,
                                                       guint            source_index,
                                                       gint64           char_offset);
/* the character's line is inside the visible part of the text view */
gboolean      atlas_source_pane_offset_is_on_screen   (AtlasSourcePane *self,
                                                       guint            source_index,
                                                       gint64           char_offset);
/* the text of the source as shown (without its heading), newly allocated; NULL
 * when the source is not shown */
char         *atlas_source_pane_dup_source_text       (AtlasSourcePane *self,
                                                       guint            source_index);
/* the tooltip shown over the character, newly allocated, or NULL */
char         *atlas_source_pane_dup_tooltip_at_offset (AtlasSourcePane *self,
                                                       guint            source_index,
                                                       gint64           char_offset);
guint         atlas_source_pane_get_n_cited_sentences (AtlasSourcePane *self);
guint         atlas_source_pane_get_n_sentences       (AtlasSourcePane *self);

G_END_DECLS
