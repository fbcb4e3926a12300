/* atlas-basemap-data.h — the offline basemap's bundled data, in memory and on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib only: the build-time converter (data/basemap/atlas-basemap-convert.c) fills an
 * AtlasBasemapData and writes it with atlas_basemap_data_serialize(); the renderer reads it
 * back with atlas_basemap_data_new_from_bytes().  Once built, the data is immutable and may
 * be read from any number of threads.
 *
 * File format, version 1 (all integers are LEB128 varints, "s" ones zigzag-encoded;
 * strings are a varint byte length followed by UTF-8 without a terminator):
 *
 *   magic      "EABM" (4 bytes), version (1 byte) = 1
 *   countries  n, then n × { code, name_en, name_ar (may be empty), label_x s, label_y s,
 *                            min_zoom }
 *   places     n, then n × { kind, rank, min_zoom, name_en, name_ar, x s, y s }
 *   layers     n, then n × layer
 *   layer      { kind, min_zoom, max_zoom, shift, coverage x0 s, y0 s, x1 s, y1 s,
 *                n_shapes, n_shapes × shape }
 *   shape      { kind, ref, bbox x0 s, y0 s (shifted units), width, height,
 *                n_points, n_points × { dx s, dy s } }
 *
 * Coordinates are world units (atlas-geo.h: 2^24 across, one unit = one pixel at zoom 16)
 * pre-projected to Web Mercator.  A layer stores them right-shifted by its `shift` (so a
 * coarse band spends few bits on precision nobody sees); the decoder shifts them back.  A
 * shape's first point is a delta from its bounding box's top-left corner, each following
 * point a delta from the one before.  Rings are stored unclosed.  Land rings turn clockwise
 * on screen and holes anticlockwise, so a non-zero fill of all of them at once draws land.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATLAS_BASEMAP_DATA_VERSION 1

#define ATLAS_BASEMAP_DATA_ERROR (atlas_basemap_data_error_quark ())

typedef enum
{
  ATLAS_BASEMAP_DATA_ERROR_INVALID,
  ATLAS_BASEMAP_DATA_ERROR_VERSION,
} AtlasBasemapDataError;

typedef enum
{
  ATLAS_BASEMAP_LAYER_LAND,   /* a zoom band of DCW land: rings, holes and borders */
  ATLAS_BASEMAP_LAYER_CITY,   /* hand-made city detail (Aleppo) */
} AtlasBasemapLayerKind;

typedef enum
{
  ATLAS_BASEMAP_SHAPE_LAND,       /* ring; ref = country index */
  ATLAS_BASEMAP_SHAPE_HOLE,       /* ring; ref = country index */
  ATLAS_BASEMAP_SHAPE_BORDER,     /* line between two countries; ref = country index */
  ATLAS_BASEMAP_SHAPE_CITY_AREA,  /* ring: built-up area; ref = place index or G_MAXUINT16 */
  ATLAS_BASEMAP_SHAPE_AIRPORT,    /* ring: airfield */
  ATLAS_BASEMAP_SHAPE_RIVER,      /* line */
  ATLAS_BASEMAP_SHAPE_RING_ROAD,  /* line (closed if first == last) */
  ATLAS_BASEMAP_SHAPE_ROAD,       /* line */
  ATLAS_BASEMAP_SHAPE_RUNWAY,     /* line */
  ATLAS_BASEMAP_N_SHAPE_KINDS
} AtlasBasemapShapeKind;

typedef enum
{
  ATLAS_BASEMAP_PLACE_CAPITAL,
  ATLAS_BASEMAP_PLACE_CITY,
  ATLAS_BASEMAP_PLACE_DISTRICT,
  ATLAS_BASEMAP_PLACE_LANDMARK,
  ATLAS_BASEMAP_PLACE_AIRPORT,
  ATLAS_BASEMAP_PLACE_WATER,
  ATLAS_BASEMAP_N_PLACE_KINDS
} AtlasBasemapPlaceKind;

typedef struct
{
  gint32 x0;
  gint32 y0;
  gint32 x1;   /* inclusive */
  gint32 y1;   /* inclusive */
} AtlasBasemapBox;

typedef struct
{
  char   code[8];
  char  *name_en;
  char  *name_ar;     /* NULL when not known */
  gint32 label_x;
  gint32 label_y;
  guint8 min_zoom;    /* the first zoom at which its label is worth showing */
} AtlasBasemapCountry;

typedef struct
{
  AtlasBasemapPlaceKind kind;
  guint8                rank;      /* 1 = most important */
  guint8                min_zoom;
  char                 *name_en;
  char                 *name_ar;   /* NULL when not known */
  gint32                x;
  gint32                y;
} AtlasBasemapPlace;

typedef struct
{
  AtlasBasemapShapeKind kind;
  guint16               ref;
  AtlasBasemapBox       bbox;
  guint32               n_points;
  guint32               offset;    /* index of the first x in the layer's coords */
} AtlasBasemapShape;

typedef struct
{
  AtlasBasemapLayerKind kind;
  guint8                min_zoom;
  guint8                max_zoom;
  guint8                shift;
  AtlasBasemapBox       coverage;  /* where this layer is complete */
  GArray               *shapes;    /* AtlasBasemapShape */
  GArray               *coords;    /* gint32 x, y pairs in world units */
} AtlasBasemapLayer;

typedef struct
{
  GPtrArray     *countries;  /* AtlasBasemapCountry */
  GPtrArray     *places;     /* AtlasBasemapPlace */
  GPtrArray     *layers;     /* AtlasBasemapLayer */

  /* State a renderer derives from the data (label placement per zoom), created lazily
   * under @cache_lock and freed with the data. */
  GMutex         cache_lock;
  gpointer       cache;
  GDestroyNotify cache_destroy;
} AtlasBasemapData;

GQuark             atlas_basemap_data_error_quark  (void);

AtlasBasemapData  *atlas_basemap_data_new          (void);
AtlasBasemapData  *atlas_basemap_data_new_from_bytes (GBytes      *bytes,
                                                      GError     **error);
void               atlas_basemap_data_free         (AtlasBasemapData *self);

/* Encodes @self in the format above; layer coordinates are rounded to the layer's shift. */
GBytes            *atlas_basemap_data_serialize    (AtlasBasemapData *self);

AtlasBasemapLayer *atlas_basemap_layer_new         (AtlasBasemapLayerKind kind,
                                                    guint                 min_zoom,
                                                    guint                 max_zoom,
                                                    guint                 shift);
void               atlas_basemap_layer_free        (AtlasBasemapLayer *layer);

/* Appends a shape of @n_points (x, y) pairs; computes its bounding box. */
AtlasBasemapShape *atlas_basemap_layer_add_shape   (AtlasBasemapLayer     *layer,
                                                    AtlasBasemapShapeKind  kind,
                                                    guint                  ref,
                                                    const gint32          *points,
                                                    gsize                  n_points);

static inline const gint32 *
atlas_basemap_layer_shape_points (const AtlasBasemapLayer *layer,
                                  const AtlasBasemapShape *shape)
{
  return &g_array_index (layer->coords, gint32, shape->offset);
}

/* The finest land layer to draw zoom @zoom from, for a tile whose extent is @tile: the
 * layer whose band holds @zoom if its coverage contains the tile, else the finest coarser
 * one that does. */
const AtlasBasemapLayer *atlas_basemap_data_land_layer_for (const AtlasBasemapData *self,
                                                            guint                   zoom,
                                                            const AtlasBasemapBox  *tile);

/* The city-detail layer, or NULL. */
const AtlasBasemapLayer *atlas_basemap_data_city_layer     (const AtlasBasemapData *self);

void                     atlas_basemap_country_free        (AtlasBasemapCountry *country);
void                     atlas_basemap_place_free          (AtlasBasemapPlace *place);

static inline gboolean
atlas_basemap_box_intersects (const AtlasBasemapBox *a,
                              const AtlasBasemapBox *b)
{
  return a->x0 <= b->x1 && b->x0 <= a->x1 && a->y0 <= b->y1 && b->y0 <= a->y1;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasBasemapData, atlas_basemap_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtlasBasemapLayer, atlas_basemap_layer_free)

/* Rounds @v to the nearest multiple of 2^@shift, as layers store coordinates. */
gint32  atlas_basemap_round_to_shift (gint32 v,
                                      guint  shift);

G_END_DECLS
