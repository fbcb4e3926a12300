/* atlas-source.h — a document events are taken from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "atlas-types.h"

G_BEGIN_DECLS

#define ATLAS_TYPE_SOURCE (atlas_source_get_type ())
G_DECLARE_FINAL_TYPE (AtlasSource, atlas_source, ATLAS, SOURCE, GObject)

const char *atlas_source_get_id          (AtlasSource *self);
const char *atlas_source_get_title       (AtlasSource *self);
const char *atlas_source_get_publisher   (AtlasSource *self);
const char *atlas_source_get_dateline    (AtlasSource *self);
/* ISO date as written ("2016-12-05"), or NULL */
const char *atlas_source_get_published   (AtlasSource *self);
/* the instant of the publication date (start of that day, UTC), or ATLAS_TIME_NONE */
gint64      atlas_source_get_published_time (AtlasSource *self);
const char *atlas_source_get_url         (AtlasSource *self);
/* the full text, or NULL */
const char *atlas_source_get_text        (AtlasSource *self);
/* length of the text in characters (Unicode code points) */
gsize       atlas_source_get_text_length (AtlasSource *self);
/* byte index of character @offset in the text, or -1 when out of range */
gssize      atlas_source_char_to_byte    (AtlasSource *self,
                                          gsize        offset);

/* Passages of the text the dataset deliberately leaves uncited (a photo caption),
 * each with the reason and its character offset in the text. */
guint       atlas_source_get_n_uncited   (AtlasSource  *self);
const char *atlas_source_get_uncited     (AtlasSource  *self,
                                          guint         i,
                                          const char  **reason,
                                          gint64       *offset);

G_END_DECLS
