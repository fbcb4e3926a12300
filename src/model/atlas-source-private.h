/* atlas-source-private.h — construction API for the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-source.h"

G_BEGIN_DECLS

/* Every string is copied; @published_time may be ATLAS_TIME_NONE. */
AtlasSource *atlas_source_new (const char *id,
                               const char *title,
                               const char *publisher,
                               const char *dateline,
                               const char *published,
                               gint64      published_time,
                               const char *url,
                               const char *text);

/* @offset: character offset of @text in the source's text */
void         atlas_source_add_uncited (AtlasSource *self,
                                       const char  *text,
                                       const char  *reason,
                                       gint64       offset);

G_END_DECLS
