/* atlas-location-private.h — the location's fields, filled in by the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-location.h"

G_BEGIN_DECLS

struct _AtlasLocation
{
  GObject            parent_instance;

  char              *id;
  char              *name;
  GHashTable        *names;      /* language → name, owned strings */
  double            *area;       /* n_area_points (lon, lat) pairs, or NULL */
  AtlasLocation     *parent;     /* owned reference; the format forbids cycles */

  double             latitude;
  double             longitude;
  double             precision_m;
  AtlasLocationKind  kind;
  guint              n_area_points;
  guint              index;
  guint              n_events;
};

AtlasLocation *atlas_location_new (void);

G_END_DECLS
