/* atlas-basemap-render.c — draws one offline basemap tile with Cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-basemap-render"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "atlas-basemap-render.h"
#include "atlas-geo.h"

#define TILE            ATLAS_GEO_TILE_SIZE
#define CLIP_MARGIN     8.0     /* px of geometry kept around a tile: hides clip edges and caps */
#define LABEL_HALO      3.0     /* px */
#define CITY_MIN_ZOOM   11
#define COUNTRY_MAX_ZOOM 8
#define CITY_LABEL_MAX_ZOOM 12
#define LABEL_FONT      "Cantarell"

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  Rgba sea;
  Rgba land;
  Rgba urban;
  Rgba airport;
  Rgba runway;
  Rgba river;
  Rgba road;
  Rgba road_casing;
  Rgba ring_road;
  Rgba ring_road_casing;
  Rgba border;
  Rgba border_halo;
  Rgba coast;
  Rgba text;
  Rgba text_dim;
  Rgba text_country;
  Rgba text_water;
  Rgba halo;
  Rgba dot;
} Palette;

/* GNOME Maps–like: calm, low contrast, water and land clearly apart. */
static const Palette light_palette = {
  .sea = { 0.667, 0.827, 0.875, 1 },            /* #aad3df */
  .land = { 0.949, 0.937, 0.914, 1 },           /* #f2efe9 */
  .urban = { 0.878, 0.859, 0.835, 1 },          /* #e0dbd5 */
  .airport = { 0.906, 0.898, 0.886, 1 },
  .runway = { 0.733, 0.729, 0.722, 1 },
  .river = { 0.667, 0.827, 0.875, 1 },
  .road = { 1, 1, 1, 1 },
  .road_casing = { 0.816, 0.792, 0.757, 1 },
  .ring_road = { 0.988, 0.878, 0.620, 1 },      /* #fce09e */
  .ring_road_casing = { 0.831, 0.667, 0.337, 1 },
  .border = { 0.612, 0.533, 0.655, 1 },         /* grey-purple */
  .border_halo = { 0.776, 0.706, 0.816, 0.45 },
  .coast = { 0.561, 0.729, 0.788, 1 },
  .text = { 0.200, 0.200, 0.200, 1 },
  .text_dim = { 0.420, 0.396, 0.373, 1 },
  .text_country = { 0.427, 0.341, 0.506, 1 },
  .text_water = { 0.290, 0.478, 0.580, 1 },
  .halo = { 1, 1, 1, 0.85 },
  .dot = { 0.239, 0.239, 0.239, 1 },
};

static const Palette dark_palette = {
  .sea = { 0.137, 0.180, 0.239, 1 },           /* #232e3d */
  .land = { 0.212, 0.212, 0.220, 1 },          /* #363638 */
  .urban = { 0.263, 0.259, 0.267, 1 },
  .airport = { 0.247, 0.247, 0.255, 1 },
  .runway = { 0.400, 0.400, 0.410, 1 },
  .river = { 0.180, 0.247, 0.329, 1 },
  .road = { 0.380, 0.380, 0.392, 1 },
  .road_casing = { 0.165, 0.165, 0.173, 1 },
  .ring_road = { 0.478, 0.420, 0.290, 1 },
  .ring_road_casing = { 0.200, 0.180, 0.137, 1 },
  .border = { 0.600, 0.529, 0.667, 1 },
  .border_halo = { 0.443, 0.365, 0.510, 0.40 },
  .coast = { 0.220, 0.290, 0.380, 1 },
  .text = { 0.910, 0.910, 0.906, 1 },
  .text_dim = { 0.690, 0.675, 0.659, 1 },
  .text_country = { 0.737, 0.667, 0.800, 1 },
  .text_water = { 0.549, 0.706, 0.812, 1 },
  .halo = { 0.118, 0.118, 0.125, 0.85 },
  .dot = { 0.878, 0.878, 0.871, 1 },
};

typedef enum
{
  LABEL_COUNTRY,
  LABEL_PLACE,
} LabelSource;

typedef enum
{
  ANCHOR_CENTER,
  ANCHOR_RIGHT,
  ANCHOR_LEFT,
  ANCHOR_ABOVE,
  ANCHOR_BELOW,
} Anchor;

/* One label placed for one zoom, in that zoom's world pixels. */
typedef struct
{
  LabelSource source;
  guint       index;
  double      dot_x, dot_y;     /* the place, or NAN for no dot */
  double      x, y;             /* top-left of the text's logical box */
  double      x0, y0, x1, y1;   /* everything it draws, halo included */
  guint       bilingual : 1;
} PlacedLabel;

typedef struct
{
  GArray *zooms[ATLAS_GEO_MAX_ZOOM + 1];   /* PlacedLabel, NULL until placed */
} LabelCache;

typedef struct
{
  double x0, y0, x1, y1;
} Rect;

typedef struct
{
  GArray *a;
  GArray *b;
} Scratch;

static GBytes *default_bytes;

static void
set_rgba (cairo_t    *cr,
          const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static void
label_cache_free (gpointer data)
{
  LabelCache *cache = data;

  for (guint z = 0; z <= ATLAS_GEO_MAX_ZOOM; z++)
    g_clear_pointer (&cache->zooms[z], g_array_unref);
  g_free (cache);
}

/* Sutherland–Hodgman of a closed ring (pixel doubles) against one side of @r. */
static void
clip_side (GArray *in,
           GArray *out,
           int     axis,
           double  limit,
           gboolean keep_greater)
{
  guint n = in->len / 2;
  const double *p = (const double *) in->data;

  g_array_set_size (out, 0);
  for (guint i = 0; i < n; i++)
    {
      const double *a = &p[2 * ((i + n - 1) % n)];
      const double *b = &p[2 * i];
      gboolean a_in = keep_greater ? a[axis] >= limit : a[axis] <= limit;
      gboolean b_in = keep_greater ? b[axis] >= limit : b[axis] <= limit;

      if (a_in != b_in)
        {
          double t = (limit - a[axis]) / (b[axis] - a[axis]);
          double q[2];

          q[axis] = limit;
          q[1 - axis] = a[1 - axis] + t * (b[1 - axis] - a[1 - axis]);
          g_array_append_vals (out, q, 2);
        }
      if (b_in)
        g_array_append_vals (out, b, 2);
    }
}

static void
ring_to_pixels (const gint32 *pts,
                guint         n,
                double        ox,
                double        oy,
                double        inv_upp,
                GArray       *out)
{
  double *d;

  g_array_set_size (out, 2 * n);
  d = (double *) out->data;
  for (guint i = 0; i < n; i++)
    {
      d[2 * i] = (pts[2 * i] - ox) * inv_upp;
      d[2 * i + 1] = (pts[2 * i + 1] - oy) * inv_upp;
    }
}

/* Adds a ring to the current path, clipped to @clip when it reaches beyond it. */
static void
add_ring (cairo_t                 *cr,
          const AtlasBasemapLayer *layer,
          const AtlasBasemapShape *shape,
          double                   ox,
          double                   oy,
          double                   inv_upp,
          const Rect              *clip,
          Scratch                 *s)
{
  const double *p;
  guint n;
  double bx0 = (shape->bbox.x0 - ox) * inv_upp;
  double by0 = (shape->bbox.y0 - oy) * inv_upp;
  double bx1 = (shape->bbox.x1 - ox) * inv_upp;
  double by1 = (shape->bbox.y1 - oy) * inv_upp;

  ring_to_pixels (atlas_basemap_layer_shape_points (layer, shape), shape->n_points,
                  ox, oy, inv_upp, s->a);

  if (bx0 < clip->x0 || by0 < clip->y0 || bx1 > clip->x1 || by1 > clip->y1)
    {
      clip_side (s->a, s->b, 0, clip->x0, TRUE);
      clip_side (s->b, s->a, 0, clip->x1, FALSE);
      clip_side (s->a, s->b, 1, clip->y0, TRUE);
      clip_side (s->b, s->a, 1, clip->y1, FALSE);
    }

  n = s->a->len / 2;
  if (n < 3)
    return;
  p = (const double *) s->a->data;
  cairo_move_to (cr, p[0], p[1]);
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, p[2 * i], p[2 * i + 1]);
  cairo_close_path (cr);
}

static gboolean
segment_touches (const double *a,
                 const double *b,
                 const Rect   *r)
{
  return MAX (a[0], b[0]) >= r->x0 && MIN (a[0], b[0]) <= r->x1 &&
         MAX (a[1], b[1]) >= r->y0 && MIN (a[1], b[1]) <= r->y1;
}

/* Strokes a line's visible runs.  With a dash, each run starts at the dash phase the
 * line has there, so dashes continue across tile edges. */
static void
stroke_line (cairo_t                 *cr,
             const AtlasBasemapLayer *layer,
             const AtlasBasemapShape *shape,
             double                   ox,
             double                   oy,
             double                   inv_upp,
             const Rect              *clip,
             const double            *dashes,
             int                      n_dashes,
             Scratch                 *s)
{
  const double *p;
  double length = 0.0;
  gboolean in_run = FALSE;

  ring_to_pixels (atlas_basemap_layer_shape_points (layer, shape), shape->n_points,
                  ox, oy, inv_upp, s->a);
  p = (const double *) s->a->data;

  cairo_new_path (cr);
  for (guint i = 0; i + 1 < shape->n_points; i++)
    {
      const double *a = &p[2 * i];
      const double *b = &p[2 * i + 2];

      if (segment_touches (a, b, clip))
        {
          if (!in_run)
            {
              if (n_dashes > 0)
                {
                  cairo_stroke (cr);
                  cairo_set_dash (cr, dashes, n_dashes, length);
                }
              cairo_move_to (cr, a[0], a[1]);
              in_run = TRUE;
            }
          cairo_line_to (cr, b[0], b[1]);
        }
      else
        in_run = FALSE;
      if (n_dashes > 0)
        length += hypot (b[0] - a[0], b[1] - a[1]);
    }
  cairo_stroke (cr);
}

static gboolean
shape_visible (const AtlasBasemapShape *shape,
               const AtlasBasemapBox   *query,
               gint32                   shift)
{
  AtlasBasemapBox b = shape->bbox;

  b.x0 += shift;
  b.x1 += shift;
  return atlas_basemap_box_intersects (&b, query);
}

/* Shapes east of the antimeridian (Chukotka, Fiji…) are stored past the world's right
 * edge; they are drawn again one world to the west. */
#define FOR_EACH_WRAP(shape, shift) \
  for (gint32 shift = 0; shift >= -ATLAS_GEO_WORLD_SIZE; shift -= ATLAS_GEO_WORLD_SIZE) \
    if (shift == 0 || (shape)->bbox.x1 >= ATLAS_GEO_WORLD_SIZE)

static PangoLayout *
make_layout (PangoContext *context,
             const char   *text,
             double        size,
             gboolean      bold,
             gboolean      italic,
             double        letter_spacing)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (LABEL_FONT);
  PangoAttrList *attrs;

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  if (italic)
    pango_font_description_set_style (desc, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  if (letter_spacing > 0)
    {
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (letter_spacing * PANGO_SCALE)));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
set_font_options (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* The same rasterisation in every thread and every tile. */
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

/* What a label says and how, for @zoom. */
static PangoLayout *
label_layout (const AtlasBasemapData *data,
              PangoContext           *context,
              LabelSource             source,
              guint                   index,
              guint                   zoom,
              gboolean               *bilingual)
{
  g_autofree char *text = NULL;
  const char *en, *ar;
  double size;
  gboolean bold = FALSE, italic = FALSE;
  double spacing = 0;

  if (source == LABEL_COUNTRY)
    {
      const AtlasBasemapCountry *c = g_ptr_array_index (data->countries, index);

      en = c->name_en;
      ar = zoom >= 5 ? c->name_ar : NULL;
      size = zoom <= 3 ? 11 : zoom <= 5 ? 12.5 : 14;
      spacing = 1.2;
      {
        g_autofree char *upper = g_utf8_strup (en, -1);

        text = ar != NULL ? g_strdup_printf ("%s\n%s", upper, ar) : g_strdup (upper);
      }
    }
  else
    {
      const AtlasBasemapPlace *p = g_ptr_array_index (data->places, index);

      en = p->name_en;
      switch (p->kind)
        {
        case ATLAS_BASEMAP_PLACE_CAPITAL:
        case ATLAS_BASEMAP_PLACE_CITY:
          size = p->rank <= 1 ? 13.5 : p->rank <= 3 ? 12.5 : 11.5;
          bold = p->rank <= 1 && zoom >= 5;
          ar = zoom >= 8 ? p->name_ar : NULL;
          break;
        case ATLAS_BASEMAP_PLACE_DISTRICT:
          size = p->rank <= 1 ? 12 : 11;
          ar = p->name_ar;
          break;
        case ATLAS_BASEMAP_PLACE_WATER:
          size = 11;
          italic = TRUE;
          ar = p->name_ar;
          break;
        case ATLAS_BASEMAP_PLACE_LANDMARK:
        case ATLAS_BASEMAP_PLACE_AIRPORT:
        case ATLAS_BASEMAP_N_PLACE_KINDS:
        default:
          size = 11.5;
          bold = p->rank <= 1;
          ar = p->name_ar;
          break;
        }
      text = ar != NULL ? g_strdup_printf ("%s\n%s", en, ar) : g_strdup (en);
    }

  *bilingual = ar != NULL;
  {
    PangoLayout *layout = make_layout (context, text, size, bold, italic, spacing);

    if (*bilingual)
      {
        /* The second (Arabic) line a little smaller. */
        PangoAttrList *attrs = pango_layout_get_attributes (layout);
        PangoAttribute *attr = pango_attr_scale_new (0.92);

        attrs = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
        attr->start_index = strlen (text) - strlen (ar);
        attr->end_index = G_MAXUINT;
        pango_attr_list_insert (attrs, attr);
        pango_layout_set_attributes (layout, attrs);
        pango_attr_list_unref (attrs);
      }
    return layout;
  }
}

typedef struct
{
  LabelSource source;
  guint       index;
  int         priority;
  double      x, y;      /* world px */
  gboolean    dot;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->priority != cb->priority)
    return ca->priority < cb->priority ? -1 : 1;
  if (ca->source != cb->source)
    return ca->source < cb->source ? -1 : 1;
  return ca->index < cb->index ? -1 : ca->index > cb->index;
}

static gboolean
collides (GArray     *boxes,
          const Rect *r)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      const Rect *o = &g_array_index (boxes, Rect, i);

      if (r->x0 < o->x1 && o->x0 < r->x1 && r->y0 < o->y1 && o->y0 < r->y1)
        return TRUE;
    }
  return FALSE;
}

/* Places every label for @zoom over the whole world, greedily by priority, so each
 * tile draws exactly the labels that touch it and neighbours agree. */
static GArray *
place_labels (const AtlasBasemapData *data,
              guint                   zoom)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Rect));
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (PlacedLabel));
  PangoFontMap *font_map = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (font_map);
  double upp = atlas_geo_units_per_pixel (zoom);
  double world = ATLAS_GEO_WORLD_SIZE / upp;

  set_font_options (context);

  if (zoom <= COUNTRY_MAX_ZOOM)
    for (guint i = 0; i < data->countries->len; i++)
      {
        const AtlasBasemapCountry *c = g_ptr_array_index (data->countries, i);
        Candidate cand = { LABEL_COUNTRY, i, 0, c->label_x / upp, c->label_y / upp, FALSE };

        if (c->min_zoom > zoom || zoom < 2)
          continue;
        /* Countries well in their range come right after the largest cities. */
        cand.priority = c->min_zoom + 2u <= zoom ? 11 : 25 + c->min_zoom;
        g_array_append_val (candidates, cand);
      }

  for (guint i = 0; i < data->places->len; i++)
    {
      const AtlasBasemapPlace *p = g_ptr_array_index (data->places, i);
      Candidate cand = { LABEL_PLACE, i, 0, p->x / upp, p->y / upp, TRUE };

      if (p->min_zoom > zoom)
        continue;
      switch (p->kind)
        {
        case ATLAS_BASEMAP_PLACE_CAPITAL:
        case ATLAS_BASEMAP_PLACE_CITY:
          if (zoom > CITY_LABEL_MAX_ZOOM)
            continue;
          cand.priority = p->rank <= 1 ? 10 : p->rank <= 2 ? 12 : 40 + p->rank;
          break;
        case ATLAS_BASEMAP_PLACE_LANDMARK:
        case ATLAS_BASEMAP_PLACE_AIRPORT:
          cand.priority = p->rank <= 1 ? 5 : 60 + p->rank;
          break;
        case ATLAS_BASEMAP_PLACE_DISTRICT:
          cand.dot = FALSE;
          cand.priority = 50 + p->rank;
          break;
        case ATLAS_BASEMAP_PLACE_WATER:
        case ATLAS_BASEMAP_N_PLACE_KINDS:
        default:
          cand.dot = FALSE;
          cand.priority = 70 + p->rank;
          break;
        }
      g_array_append_val (candidates, cand);
    }

  g_array_sort (candidates, compare_candidates);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *cand = &g_array_index (candidates, Candidate, i);
      static const Anchor dotted[] = { ANCHOR_RIGHT, ANCHOR_LEFT, ANCHOR_ABOVE, ANCHOR_BELOW };
      static const Anchor centred[] = { ANCHOR_CENTER, ANCHOR_ABOVE, ANCHOR_BELOW };
      const Anchor *anchors = cand->dot ? dotted : centred;
      /* Districts stay on their spot; country names may shift up or down a line. */
      guint n_anchors = cand->dot ? G_N_ELEMENTS (dotted) :
                        cand->source == LABEL_COUNTRY ? G_N_ELEMENTS (centred) : 1;
      g_autoptr(PangoLayout) layout = NULL;
      PangoRectangle ink, logical;
      gboolean bilingual;
      double w, h;
      Rect dot_box = { cand->x - 4, cand->y - 4, cand->x + 4, cand->y + 4 };

      if (cand->x < 0 || cand->x >= world || cand->y < 0 || cand->y >= world)
        continue;
      if (cand->dot && collides (boxes, &dot_box))
        continue;

      layout = label_layout (data, context, cand->source, cand->index, zoom, &bilingual);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      w = logical.width;
      h = logical.height;

      for (guint k = 0; k < n_anchors; k++)
        {
          double gap = cand->dot ? 5.0 : 0.3 * h + 2;
          double tx, ty;
          Rect r;

          switch (anchors[k])
            {
            case ANCHOR_RIGHT:
              tx = cand->x + gap;
              ty = cand->y - (bilingual ? h / 4 : h / 2);
              break;
            case ANCHOR_LEFT:
              tx = cand->x - gap - w;
              ty = cand->y - (bilingual ? h / 4 : h / 2);
              break;
            case ANCHOR_ABOVE:
              tx = cand->x - w / 2;
              ty = cand->y - gap - h + 2;
              break;
            case ANCHOR_BELOW:
              tx = cand->x - w / 2;
              ty = cand->y + gap - 2;
              break;
            case ANCHOR_CENTER:
            default:
              tx = cand->x - w / 2;
              ty = cand->y - h / 2;
              break;
            }
          /* Whole pixels: the same glyph raster in every tile. */
          tx = round (tx);
          ty = round (ty);
          if (!cand->dot && anchors[k] != ANCHOR_CENTER)
            tx = round (cand->x - w / 2);

          r.x0 = tx + MIN (ink.x, logical.x) - LABEL_HALO - 1;
          r.y0 = ty + MIN (ink.y, logical.y) - LABEL_HALO - 1;
          r.x1 = tx + MAX (ink.x + ink.width, logical.x + logical.width) + LABEL_HALO + 1;
          r.y1 = ty + MAX (ink.y + ink.height, logical.y + logical.height) + LABEL_HALO + 1;
          if (r.x0 < 0 || r.x1 > world || collides (boxes, &r))
            continue;

          {
            PlacedLabel label = { cand->source, cand->index,
                                  cand->dot ? cand->x : NAN, cand->dot ? cand->y : NAN,
                                  tx, ty, r.x0, r.y0, r.x1, r.y1, bilingual };
            Rect spaced = { r.x0 - 3, r.y0 - 2, r.x1 + 3, r.y1 + 2 };

            if (cand->dot)
              {
                label.x0 = MIN (label.x0, dot_box.x0);
                label.y0 = MIN (label.y0, dot_box.y0);
                label.x1 = MAX (label.x1, dot_box.x1);
                label.y1 = MAX (label.y1, dot_box.y1);
                g_array_append_val (boxes, dot_box);
              }
            g_array_append_val (placed, label);
            g_array_append_val (boxes, spaced);
          }
          break;
        }
    }

  g_object_unref (context);
  g_object_unref (font_map);

  return placed;
}

static const GArray *
labels_for_zoom (const AtlasBasemapData *data,
                 guint                   zoom)
{
  AtlasBasemapData *mutable_data = (AtlasBasemapData *) data;
  LabelCache *cache;
  GArray *labels;

  /* The cache is derived state: the data itself stays immutable. */
  g_mutex_lock (&mutable_data->cache_lock);
  if (mutable_data->cache == NULL)
    {
      mutable_data->cache = g_new0 (LabelCache, 1);
      mutable_data->cache_destroy = label_cache_free;
    }
  cache = mutable_data->cache;
  if (cache->zooms[zoom] == NULL)
    cache->zooms[zoom] = place_labels (data, zoom);
  labels = cache->zooms[zoom];
  g_mutex_unlock (&mutable_data->cache_lock);

  return labels;
}

static void
draw_labels (const AtlasBasemapData *data,
             cairo_t                *cr,
             guint                   zoom,
             guint                   x,
             guint                   y,
             const Palette          *pal)
{
  const GArray *labels = labels_for_zoom (data, zoom);
  double tx0 = (double) x * TILE, ty0 = (double) y * TILE;
  PangoContext *context = NULL;

  for (guint i = 0; i < labels->len; i++)
    {
      const PlacedLabel *label = &g_array_index (labels, PlacedLabel, i);
      g_autoptr(PangoLayout) layout = NULL;
      gboolean bilingual;
      const Rgba *colour;

      if (label->x1 < tx0 || label->x0 > tx0 + TILE || label->y1 < ty0 || label->y0 > ty0 + TILE)
        continue;

      if (context == NULL)
        {
          context = pango_cairo_create_context (cr);
          set_font_options (context);
        }
      layout = label_layout (data, context, label->source, label->index, zoom, &bilingual);

      if (label->source == LABEL_COUNTRY)
        colour = &pal->text_country;
      else
        {
          const AtlasBasemapPlace *p = g_ptr_array_index (data->places, label->index);

          colour = p->kind == ATLAS_BASEMAP_PLACE_DISTRICT ? &pal->text_dim :
                   p->kind == ATLAS_BASEMAP_PLACE_WATER ? &pal->text_water : &pal->text;

          if (!isnan (label->dot_x))
            {
              double r = p->kind == ATLAS_BASEMAP_PLACE_CAPITAL ? 3.5 : 2.5;

              cairo_new_path (cr);
              cairo_arc (cr, label->dot_x - tx0, label->dot_y - ty0, r + 1.2, 0, 2 * G_PI);
              set_rgba (cr, &pal->halo);
              cairo_fill (cr);
              cairo_arc (cr, label->dot_x - tx0, label->dot_y - ty0, r, 0, 2 * G_PI);
              set_rgba (cr, &pal->dot);
              cairo_fill (cr);
              if (p->kind == ATLAS_BASEMAP_PLACE_CAPITAL)
                {
                  cairo_arc (cr, label->dot_x - tx0, label->dot_y - ty0, 1.3, 0, 2 * G_PI);
                  set_rgba (cr, &pal->halo);
                  cairo_fill (cr);
                }
            }
        }

      cairo_move_to (cr, label->x - tx0, label->y - ty0);
      pango_cairo_layout_path (cr, layout);
      cairo_set_line_width (cr, LABEL_HALO);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      set_rgba (cr, &pal->halo);
      cairo_stroke (cr);
      cairo_move_to (cr, label->x - tx0, label->y - ty0);
      set_rgba (cr, colour);
      pango_cairo_show_layout (cr, layout);
    }

  g_clear_object (&context);
}

static void
draw_city_layer (const AtlasBasemapData  *data,
                 cairo_t                 *cr,
                 guint                    zoom,
                 const AtlasBasemapBox   *query,
                 double                   ox,
                 double                   oy,
                 double                   inv_upp,
                 const Rect              *clip,
                 const Palette           *pal,
                 Scratch                 *s)
{
  const AtlasBasemapLayer *layer = atlas_basemap_data_city_layer (data);
  double zs = pow (2.0, (double) zoom - 13.0);   /* line widths grow with zoom */

  if (layer == NULL || zoom < layer->min_zoom ||
      !atlas_basemap_box_intersects (&layer->coverage, query))
    return;

  /* Areas */
  for (guint pass = 0; pass < 2; pass++)
    {
      AtlasBasemapShapeKind kind = pass == 0 ? ATLAS_BASEMAP_SHAPE_CITY_AREA
                                             : ATLAS_BASEMAP_SHAPE_AIRPORT;

      cairo_new_path (cr);
      for (guint i = 0; i < layer->shapes->len; i++)
        {
          const AtlasBasemapShape *shape = &g_array_index (layer->shapes, AtlasBasemapShape, i);

          if (shape->kind == kind && shape_visible (shape, query, 0))
            add_ring (cr, layer, shape, ox, oy, inv_upp, clip, s);
        }
      set_rgba (cr, pass == 0 ? &pal->urban : &pal->airport);
      cairo_fill (cr);
    }

  /* Lines, casings first */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  {
    static const struct
    {
      AtlasBasemapShapeKind kind;
      gboolean              casing;
      double                width;   /* px at zoom 13 */
    } passes[] = {
      { ATLAS_BASEMAP_SHAPE_RUNWAY, FALSE, 5.0 },
      { ATLAS_BASEMAP_SHAPE_RIVER, FALSE, 4.0 },
      { ATLAS_BASEMAP_SHAPE_ROAD, TRUE, 5.0 },
      { ATLAS_BASEMAP_SHAPE_RING_ROAD, TRUE, 6.5 },
      { ATLAS_BASEMAP_SHAPE_ROAD, FALSE, 3.5 },
      { ATLAS_BASEMAP_SHAPE_RING_ROAD, FALSE, 5.0 },
    };

    for (guint k = 0; k < G_N_ELEMENTS (passes); k++)
      {
        const Rgba *colour;

        switch (passes[k].kind)
          {
          case ATLAS_BASEMAP_SHAPE_RUNWAY:
            colour = &pal->runway;
            break;
          case ATLAS_BASEMAP_SHAPE_RIVER:
            colour = &pal->river;
            break;
          case ATLAS_BASEMAP_SHAPE_RING_ROAD:
            colour = passes[k].casing ? &pal->ring_road_casing : &pal->ring_road;
            break;
          case ATLAS_BASEMAP_SHAPE_ROAD:
          default:
            colour = passes[k].casing ? &pal->road_casing : &pal->road;
            break;
          }
        set_rgba (cr, colour);
        cairo_set_line_width (cr, MAX (1.0, passes[k].width * zs));
        for (guint i = 0; i < layer->shapes->len; i++)
          {
            const AtlasBasemapShape *shape = &g_array_index (layer->shapes, AtlasBasemapShape, i);

            if (shape->kind == passes[k].kind && shape_visible (shape, query, 0))
              stroke_line (cr, layer, shape, ox, oy, inv_upp, clip, NULL, 0, s);
          }
      }
  }
}

const AtlasBasemapData *
atlas_basemap_render_get_default_data (void)
{
  static gsize loaded = 0;
  static AtlasBasemapData *data = NULL;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GError) error = NULL;

      default_bytes = g_resources_lookup_data (ATLAS_BASEMAP_RESOURCE_PATH,
                                               G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (default_bytes != NULL)
        data = atlas_basemap_data_new_from_bytes (default_bytes, &error);
      if (data == NULL)
        g_warning ("Cannot load the offline basemap: %s", error->message);
      /* The decoded data holds no reference to the bytes. */
      g_clear_pointer (&default_bytes, g_bytes_unref);
      g_once_init_leave (&loaded, 1);
    }

  return data;
}

void
atlas_basemap_render_tile (const AtlasBasemapData *data,
                           cairo_t                *cr,
                           guint                   zoom,
                           guint                   x,
                           guint                   y,
                           gboolean                dark)
{
  const Palette *pal = dark ? &dark_palette : &light_palette;
  const AtlasBasemapLayer *land;
  double upp, inv_upp, ox, oy, x1, y1;
  AtlasBasemapBox tile_box, query;
  Rect clip = { -CLIP_MARGIN, -CLIP_MARGIN, TILE + CLIP_MARGIN, TILE + CLIP_MARGIN };
  Scratch s;

  g_return_if_fail (data != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (zoom <= ATLAS_GEO_MAX_ZOOM);
  g_return_if_fail (x < atlas_geo_tiles_at_zoom (zoom) && y < atlas_geo_tiles_at_zoom (zoom));

  upp = atlas_geo_units_per_pixel (zoom);
  inv_upp = 1.0 / upp;
  atlas_geo_tile_bounds (zoom, x, y, &ox, &oy, &x1, &y1);
  tile_box.x0 = (gint32) ox;
  tile_box.y0 = (gint32) oy;
  tile_box.x1 = (gint32) MIN (x1, G_MAXINT32);
  tile_box.y1 = (gint32) MIN (y1, G_MAXINT32);
  query.x0 = (gint32) (ox - CLIP_MARGIN * upp);
  query.y0 = (gint32) (oy - CLIP_MARGIN * upp);
  query.x1 = (gint32) MIN (x1 + CLIP_MARGIN * upp, G_MAXINT32);
  query.y1 = (gint32) MIN (y1 + CLIP_MARGIN * upp, G_MAXINT32);

  s.a = g_array_new (FALSE, FALSE, sizeof (double));
  s.b = g_array_new (FALSE, FALSE, sizeof (double));

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, TILE, TILE);
  cairo_clip (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);

  set_rgba (cr, &pal->sea);
  cairo_paint (cr);

  land = atlas_basemap_data_land_layer_for (data, zoom, &tile_box);
  if (land != NULL)
    {
      /* All land in one non-zero fill: neighbours' shared edges cancel, holes cut. */
      cairo_new_path (cr);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      for (guint i = 0; i < land->shapes->len; i++)
        {
          const AtlasBasemapShape *shape = &g_array_index (land->shapes, AtlasBasemapShape, i);

          if (shape->kind != ATLAS_BASEMAP_SHAPE_LAND && shape->kind != ATLAS_BASEMAP_SHAPE_HOLE)
            continue;
          FOR_EACH_WRAP (shape, shift)
            if (shape_visible (shape, &query, shift))
              add_ring (cr, land, shape, ox - shift, oy, inv_upp, &clip, &s);
        }
      /* A hairline of coast colour first keeps the coast crisp against the sea. */
      set_rgba (cr, &pal->coast);
      cairo_set_line_width (cr, zoom >= 6 ? 1.0 : 0.6);
      cairo_stroke_preserve (cr);
      set_rgba (cr, &pal->land);
      cairo_fill (cr);
    }

  if (zoom >= CITY_MIN_ZOOM)
    draw_city_layer (data, cr, zoom, &query, ox, oy, inv_upp, &clip, pal, &s);

  if (land != NULL)
    {
      static const double dashes[] = { 6.0, 3.0, 1.5, 3.0 };
      double width = zoom <= 2 ? 0.6 : zoom <= 4 ? 0.9 : zoom <= 8 ? 1.2 : 1.6;

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint pass = 0; pass < 2; pass++)
        {
          if (pass == 0 && zoom < 4)
            continue;
          set_rgba (cr, pass == 0 ? &pal->border_halo : &pal->border);
          cairo_set_line_width (cr, pass == 0 ? width * 4 : width);
          for (guint i = 0; i < land->shapes->len; i++)
            {
              const AtlasBasemapShape *shape = &g_array_index (land->shapes, AtlasBasemapShape, i);

              if (shape->kind != ATLAS_BASEMAP_SHAPE_BORDER)
                continue;
              FOR_EACH_WRAP (shape, shift)
                if (shape_visible (shape, &query, shift))
                  stroke_line (cr, land, shape, ox - shift, oy, inv_upp, &clip,
                               pass == 1 && zoom >= 4 ? dashes : NULL,
                               pass == 1 && zoom >= 4 ? G_N_ELEMENTS (dashes) : 0, &s);
            }
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  draw_labels (data, cr, zoom, x, y, pal);

  cairo_restore (cr);
  g_array_unref (s.a);
  g_array_unref (s.b);
}
