/* atlas-timeline.c — the events in time: axis, lanes of marks, playhead, range brush
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is drawn in snapshot().  The events that match the filter are kept
 * as Items: their spans in "world" pixels at the current zoom (x measured from
 * the dataset's start), sorted by left edge and packed into lanes.  That cache
 * is rebuilt when the dataset or the filter changes and re-laid out when the
 * zoom changes; panning, the playhead and the selection only redraw.
 *
 * From top to bottom: a count histogram (when marks pile up), the lanes, a
 * density strip for what does not fit, and the axis (ticks, their labels, and
 * a row naming the enclosing month or year, with the playhead's handle).
 */

#define G_LOG_DOMAIN "atlas-views"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "atlas-palette.h"
#include "atlas-timeline-private.h"
#include "atlas-timescale.h"
#include "atlas-view-context.h"

/* Geometry, in pixels */
#define TOP_PAD        4.0
#define HIST_H         22.0
#define AXIS_H         38.0
#define OVERFLOW_H     7.0
#define MIN_LANE_H     6.0
#define MAX_LANE_H     18.0
#define DOT_W          8.0    /* width a dot takes in its lane when packing */
#define MIN_BAR_W      4.0
#define LANE_GAP       2.0
#define MAX_LANES      64
#define HIST_BIN       3.0
#define TICK_MIN_PX    64.0
#define HIT_SLOP       3.0
#define PLAYHEAD_SLOP  6.0
#define DENSE_LIMIT    4000
#define HIST_MIN_EVENTS 200   /* more in view than this: the count histogram on top */
#define TITLE_LIMIT    400    /* titles are written beside marks up to this many in view */
#define TITLE_LANE_H   14.0   /* more marks than this in view: draw per-column density */
/* where titles do not fit, the first few selected events still show theirs */
#define SELECTED_TITLES_MAX 3

#define GHOST_ALPHA    0.16f
#define APPROX_ALPHA   0.5f

#define NONE_INDEX     G_MAXUINT

typedef struct {
  AtlasEvent *event;      /* borrowed: the dataset holds it */
  gint64      from;       /* the span, from atlas_event_get_span(); from is the start */
  gint64      to;
  double      wx0;        /* the span in world pixels */
  double      wx1;
  double      px0;        /* what the mark takes in its lane, world pixels */
  double      px1;
  guint       lane;
  guint16     category;   /* index into categories */
  guint8      basis;
  guint8      has_end : 1;
  guint8      is_dot : 1;
} Item;

/* The items of one kind, to count them per column without walking them: the
 * spans with an end (bars at every zoom), or the events without one whose
 * periods all last @duration (a day, a 31-day month…; dots or brackets
 * depending on the zoom).  In either, an item's left and right edges on screen
 * grow with its start (or, with an end, its end), so a column's count is a few
 * binary searches over the sorted times. */
typedef struct {
  gboolean has_end;
  gint64  duration;       /* to - from of every item; 0 for the spans with an end */
  GArray *starts;         /* gint64, ascending */
  GArray *tos;            /* with an end: gint64, the ends in the order of starts */
  GArray *sorted_tos;     /* with an end: gint64, ascending */
  GArray *block_max;      /* with an end: gint64, the latest end per COUNT_BLOCK starts */
  GArray *members;        /* guint: the items' positions in AtlasTimeline.items, ascending */
} CountClass;

#define COUNT_BLOCK       64
#define MAX_COUNT_CLASSES 24

/* From this many matching events on, a sparse view lays out only a window of
 * them around the view (see relayout_window()) rather than all of them on every
 * zoom step */
#define LAYOUT_WINDOW_MIN 20000

typedef enum {
  DRAG_NONE,
  DRAG_PAN,
  DRAG_PLAYHEAD,
  DRAG_BRUSH,
} DragMode;

/* Where things are for the current size and zoom; see update_frame() */
typedef struct {
  double width;
  double height;
  double base;            /* screen x = world x + base */
  guint  first;           /* items in view: [first, last) */
  guint  last;
  double hist_h;
  double lanes_top;
  double lane_h;
  guint  lanes_fit;       /* lanes drawn; lanes at or beyond go to the density strip */
  double overflow_top;    /* the density strip, when some lanes do not fit */
  double axis_top;
  guint  n_in_view;
  gboolean dense;         /* draw per-column density instead of marks */
} Frame;

/* What the cached marks node was drawn for: the playhead only counts in "up to
 * the playhead" mode (it ghosts the marks after it) */
typedef struct {
  guint   generation;
  double  usec_per_px;
  double  base;
  double  width;
  double  height;
  gint64  playhead;
  GdkRGBA fg;
  guint   dark : 1;
  guint   valid : 1;
} MarksKey;

struct _AtlasTimeline
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkGesture     *click_gesture;
  GtkGesture     *drag_gesture;
  GtkGesture     *zoom_gesture;

  /* owned references */
  AtlasContext   *context;
  AtlasDataset   *dataset;            /* the one items were built for */
  GArray         *items;              /* Item per matching event, in event index (= start) order */
  GArray         *laid;               /* Item: those laid out (all, or a window), sorted by px0 */
  GArray         *all_items;          /* Item per dated event, by event index */
  guint          *slots;              /* event index → position in items, or NONE_INDEX */
  guint           n_slots;
  GPtrArray      *categories;         /* interned category words; index 0 is NULL */
  GArray         *category_colors;    /* GdkRGBA per category */
  GArray         *selected;           /* event indexes of the selection */
  guint          *bins_all;           /* per HIST_BIN column, sized for the width */
  guint          *bins_visible;
  guint          *bins_overflow;
  guint           n_bins;
  GskRenderNode  *marks_node;         /* axis, histogram and marks, for marks_key */
  MarksKey        marks_key;
  GArray         *context_labels;     /* graphene_rect_t per label of the axis's second row in marks_node */
  guint           items_generation;   /* bumped whenever items or their lanes change */
  guint           layout_window_min;  /* LAYOUT_WINDOW_MIN, or what a test sets */
  double          window_from;        /* a windowed layout: the world x it covers */
  double          window_to;
  GArray         *count_classes;      /* CountClass: the items by kind of span, see count_columns() */
  guint           counts_valid : 1;   /* FALSE: too many kinds, count one item at a time */

  /* borrowed references */
  AtlasFilter    *filter;
  AtlasSelection *selection;
  AtlasEvent     *hovered;

  /* view */
  AtlasTimescale  scale;
  double          laid_out_usec_per_px; /* the zoom the items were laid out for */
  gint64          origin;             /* world x 0 */
  gint64          range_from;         /* the dataset's time range */
  gint64          range_to;
  gint64          reported;           /* publication of the first source, or ATLAS_TIME_NONE */
  gint64          focus_from;         /* where most events are, see find_focus(), or ATLAS_TIME_NONE */
  gint64          focus_to;
  gint64          pending_from;       /* zoom_to_range() before the first allocation */
  gint64          pending_to;
  guint           n_lanes;
  double          max_extent;         /* widest px1 - px0 */
  Frame           frame;

  /* interaction */
  DragMode        drag_mode;
  double          drag_last_x;
  double          drag_start_x;
  gint64          brush_from;
  gint64          brush_to;
  double          zoom_begin_usec_per_px;
  double          pointer_x;

  guint           has_pending : 1;
  guint           framed_all : 1;     /* re-frame on resize until the user zooms or pans */
  guint           framed_focus : 1;   /* …on the focus rather than on everything */
  guint           layout_dirty : 1;
  guint           layout_windowed : 1;  /* laid holds a window of the items */
  guint           layout_by_sorting : 1; /* a test's reference: sort, do not merge */
  guint           dark : 1;
};

G_DEFINE_FINAL_TYPE (AtlasTimeline, atlas_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- helpers */

/* the @i-th laid-out item, in px0 order */
static inline Item *
item_at (AtlasTimeline *self,
         guint          i)
{
  return &g_array_index (self->laid, Item, i);
}

/* the @i-th matching item, in start order */
static inline Item *
matching_at (AtlasTimeline *self,
             guint          i)
{
  return &g_array_index (self->items, Item, i);
}

static gboolean
item_is_visible (AtlasTimeline *self,
                 const Item    *item)
{
  gint64 playhead;

  if (self->context == NULL || !atlas_context_get_up_to_playhead (self->context))
    return TRUE;

  playhead = atlas_context_get_playhead (self->context);
  return playhead == ATLAS_TIME_NONE || item->from <= playhead;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a;
  const Item *ib = b;

  if (ia->px0 != ib->px0)
    return ia->px0 < ib->px0 ? -1 : 1;
  return (int) atlas_event_get_index (ia->event) - (int) atlas_event_get_index (ib->event);
}

static void
update_colors (AtlasTimeline *self)
{
  g_array_set_size (self->category_colors, self->categories->len);
  for (guint i = 0; i < self->categories->len; i++)
    atlas_palette_category_color (g_ptr_array_index (self->categories, i), self->dark,
                                  &g_array_index (self->category_colors, GdkRGBA, i));
}

static guint
category_index (AtlasTimeline *self,
                const char    *category)
{
  const char *interned;
  guint i;

  if (category == NULL)
    return 0;

  /* the dataset's words are interned already: no lookup for them */
  for (i = 1; i < self->categories->len; i++)
    if (g_ptr_array_index (self->categories, i) == category)
      return i;

  interned = g_intern_string (category);
  for (i = 1; i < self->categories->len; i++)
    if (g_ptr_array_index (self->categories, i) == interned)
      return i;

  g_ptr_array_add (self->categories, (gpointer) interned);
  return i;
}

/* ------------------------------------------------------ counting per column */

/* A dot: no end, and a period narrower than a dot at this zoom.  Decided from
 * the duration alone, so that every item of a CountClass agrees. */
static inline gboolean
is_dot_at (gboolean has_end,
           gint64   duration,
           double   usec_per_px)
{
  return !has_end && (double) duration / usec_per_px < DOT_W;
}

static void
count_class_clear (gpointer data)
{
  CountClass *class = data;

  g_clear_pointer (&class->starts, g_array_unref);
  g_clear_pointer (&class->tos, g_array_unref);
  g_clear_pointer (&class->sorted_tos, g_array_unref);
  g_clear_pointer (&class->block_max, g_array_unref);
  g_clear_pointer (&class->members, g_array_unref);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 ta = *(const gint64 *) a;
  gint64 tb = *(const gint64 *) b;

  return ta < tb ? -1 : ta > tb;
}

/* Sorts the items (in start order: the context's matching events are in index
 * order, and the dataset sorts its dated events by start) into CountClasses. */
static void
rebuild_count_classes (AtlasTimeline *self)
{
  guint last = 0;

  g_array_set_size (self->count_classes, 0);
  self->counts_valid = TRUE;

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = matching_at (self, i);
      gint64 duration = item->has_end ? 0 : item->to - item->from;
      CountClass *class = NULL;

      if (last < self->count_classes->len)
        {
          class = &g_array_index (self->count_classes, CountClass, last);
          if (class->has_end != item->has_end || class->duration != duration)
            class = NULL;
        }
      for (guint c = 0; class == NULL && c < self->count_classes->len; c++)
        {
          CountClass *candidate = &g_array_index (self->count_classes, CountClass, c);

          if (candidate->has_end == item->has_end && candidate->duration == duration)
            {
              class = candidate;
              last = c;
            }
        }
      if (class == NULL)
        {
          CountClass fresh = { 0 };

          if (self->count_classes->len == MAX_COUNT_CLASSES)
            {
              /* periods of too many lengths: count one item at a time */
              g_array_set_size (self->count_classes, 0);
              self->counts_valid = FALSE;
              return;
            }
          fresh.has_end = item->has_end;
          fresh.duration = duration;
          fresh.starts = g_array_new (FALSE, FALSE, sizeof (gint64));
          fresh.members = g_array_new (FALSE, FALSE, sizeof (guint));
          if (item->has_end)
            {
              fresh.tos = g_array_new (FALSE, FALSE, sizeof (gint64));
              fresh.block_max = g_array_new (FALSE, FALSE, sizeof (gint64));
            }
          g_array_append_val (self->count_classes, fresh);
          last = self->count_classes->len - 1;
          class = &g_array_index (self->count_classes, CountClass, last);
        }

      g_assert (class->starts->len == 0
                || g_array_index (class->starts, gint64, class->starts->len - 1) <= item->from);
      g_array_append_val (class->starts, item->from);
      g_array_append_val (class->members, i);
      if (class->has_end)
        {
          guint block = class->tos->len / COUNT_BLOCK;

          g_array_append_val (class->tos, item->to);
          if (block == class->block_max->len)
            g_array_append_val (class->block_max, item->to);
          else
            g_array_index (class->block_max, gint64, block)
              = MAX (g_array_index (class->block_max, gint64, block), item->to);
        }
    }

  for (guint c = 0; c < self->count_classes->len; c++)
    {
      CountClass *class = &g_array_index (self->count_classes, CountClass, c);

      if (!class->has_end)
        continue;
      class->sorted_tos = g_array_sized_new (FALSE, FALSE, sizeof (gint64), class->tos->len);
      g_array_append_vals (class->sorted_tos, class->tos->data, class->tos->len);
      g_array_sort (class->sorted_tos, compare_times);
    }
}

/* One edge of a class's items on screen, as a function of their sorted times:
 * x of the time itself, of the time + the class's duration, or the centre of
 * both (a dot).  The same arithmetic as the marks, so the same columns. */
typedef enum {
  EDGE_AT,
  EDGE_END,
  EDGE_CENTRE,
} EdgeKind;

typedef struct {
  const gint64 *times;
  gint64        duration;
  EdgeKind      kind;
  gint64        origin;
  double        upp;
  double        base;
  double        width;
} Edge;

static inline double
edge_x (const Edge *e,
        guint       i)
{
  gint64 t = e->times[i];

  switch (e->kind)
    {
    case EDGE_AT:
      return (double) (t - e->origin) / e->upp + e->base;
    case EDGE_END:
      return (double) (t + e->duration - e->origin) / e->upp + e->base;
    case EDGE_CENTRE:
    default:
      return ((double) (t - e->origin) / e->upp + (double) (t + e->duration - e->origin) / e->upp) / 2
             + e->base;
    }
}

static inline guint
column_of (double x,
           double width)
{
  return (guint) (CLAMP (x, 0, width - 1) / HIST_BIN);
}

/* first i in [lo, hi) whose edge is at or right of @x (edges grow with i) */
static guint
edge_at_least (const Edge *e,
               guint       lo,
               guint       hi,
               double      x)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (edge_x (e, mid) < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* first i in [lo, hi) whose edge falls in a column after @column */
static guint
edge_beyond_column (const Edge *e,
                    guint       lo,
                    guint       hi,
                    guint       column)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (column_of (edge_x (e, mid), e->width) <= column)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* diff[column of edge (i)  + @bump] += @sign for i in [lo, hi): one step per column */
static void
add_edges (guint      *diff,
           const Edge *e,
           guint       lo,
           guint       hi,
           guint       bump,
           int         sign)
{
  for (guint i = lo; i < hi;)
    {
      guint column = column_of (edge_x (e, i), e->width);
      guint next = edge_beyond_column (e, i + 1, hi, column);

      if (sign > 0)
        diff[column + bump] += next - i;
      else
        diff[column + bump] -= next - i;
      i = next;
    }
}

/* number of sorted @times at or before @t */
static guint
times_upper_bound (const gint64 *times,
                   guint         n,
                   gint64        t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (times[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
init_edge (AtlasTimeline *self,
           Edge          *e,
           const GArray  *times,
           gint64         duration,
           EdgeKind       kind,
           double         base,
           double         width)
{
  e->times = (const gint64 *) (const void *) times->data;
  e->duration = duration;
  e->kind = kind;
  e->origin = self->origin;
  e->upp = self->scale.usec_per_px;
  e->base = base;
  e->width = width;
}

/* Per HIST_BIN column of a view @width wide (screen x = world x + @base), adds
 * to @all the items whose span (a dot: its centre) touches the column, and to
 * @visible those of them not after the playhead (in "up to the playhead"
 * mode) — the difference arrays, before their running sums.  Returns the
 * number of items touching the view.  O(classes × columns × log items), not
 * O(items in view). */
static guint
count_columns (AtlasTimeline *self,
               double         base,
               double         width,
               guint         *all,
               guint         *visible)
{
  gint64 playhead = ATLAS_TIME_NONE;
  guint last_column = column_of (width, width) + 1;
  guint n_touching = 0;

  if (self->context != NULL && atlas_context_get_up_to_playhead (self->context))
    playhead = atlas_context_get_playhead (self->context);

  for (guint c = 0; c < self->count_classes->len; c++)
    {
      const CountClass *class = &g_array_index (self->count_classes, CountClass, c);
      const gint64 *starts = (const gint64 *) (const void *) class->starts->data;
      guint n = class->starts->len;
      guint k = playhead == ATLAS_TIME_NONE ? n : times_upper_bound (starts, n, playhead);

      if (!class->has_end)
        {
          gboolean dot = is_dot_at (FALSE, class->duration, self->scale.usec_per_px);
          Edge left, right;
          guint lo, hi;

          init_edge (self, &left, class->starts, class->duration, dot ? EDGE_CENTRE : EDGE_AT, base, width);
          init_edge (self, &right, class->starts, class->duration, dot ? EDGE_CENTRE : EDGE_END, base, width);
          /* both edges grow with the start: what touches the view is one run */
          lo = edge_at_least (&right, 0, n, 0);
          hi = MAX (edge_at_least (&left, 0, n, width), lo);
          n_touching += hi - lo;
          if (all == NULL)
            continue;

          add_edges (all, &left, lo, hi, 0, 1);
          add_edges (all, &right, lo, hi, 1, -1);
          add_edges (visible, &left, lo, MAX (MIN (hi, k), lo), 0, 1);
          add_edges (visible, &right, lo, MAX (MIN (hi, k), lo), 1, -1);
        }
      else
        {
          const gint64 *tos = (const gint64 *) (const void *) class->tos->data;
          const gint64 *sorted_tos = (const gint64 *) (const void *) class->sorted_tos->data;
          Edge left, right;
          guint hi, n_before;

          init_edge (self, &left, class->starts, 0, EDGE_AT, base, width);
          init_edge (self, &right, class->sorted_tos, 0, EDGE_AT, base, width);
          hi = edge_at_least (&left, 0, n, width);        /* starts left of the right edge */
          n_before = edge_at_least (&right, 0, n, 0);     /* ended left of the view */
          n_touching += hi - n_before;
          if (all == NULL)
            continue;

          /* the left edges of those that start before the view's right edge, less
           * those that also ended before its left edge (all in column 0); the
           * right edges of those that end in or after the view, less those that
           * start after it (all in the last column) */
          add_edges (all, &left, 0, hi, 0, 1);
          all[0] -= n_before;
          add_edges (all, &right, n_before, n, 1, -1);
          all[last_column] += n - hi;

          if (k == n)
            {
              add_edges (visible, &left, 0, hi, 0, 1);
              visible[0] -= n_before;
              add_edges (visible, &right, n_before, n, 1, -1);
              visible[last_column] += n - hi;
            }
          else
            {
              /* visible: started by the playhead, i.e. ended by it (a run of
               * sorted_tos) or running across it (found by the block maxima) */
              guint n_ended = times_upper_bound (sorted_tos, n, playhead);
              guint across_before = 0, across_after = 0;

              for (guint block = 0; block * COUNT_BLOCK < k; block++)
                {
                  if (g_array_index (class->block_max, gint64, block) <= playhead)
                    continue;
                  for (guint i = block * COUNT_BLOCK; i < MIN (k, (block + 1) * COUNT_BLOCK); i++)
                    {
                      double x0, x1;

                      if (tos[i] <= playhead)
                        continue;
                      x0 = edge_x (&left, i);
                      x1 = (double) (tos[i] - self->origin) / self->scale.usec_per_px + base;
                      if (x1 < 0)
                        across_before++;
                      else if (x0 >= width)
                        across_after++;
                      else
                        visible[column_of (x1, width) + 1]--;
                    }
                }

              add_edges (visible, &left, 0, MIN (k, hi), 0, 1);
              visible[0] -= MIN (n_ended, n_before) + across_before;
              if (n_ended > n_before)
                add_edges (visible, &right, n_before, n_ended, 1, -1);
              visible[last_column] += (k > hi ? k - hi : 0) - across_after;
            }
        }
    }

  return n_touching;
}

/* The same counts, one item at a time: what count_columns() must agree with,
 * and the way when the items come in too many kinds */
static guint
count_columns_one_by_one (AtlasTimeline *self,
                          double         base,
                          double         width,
                          guint         *all,
                          guint         *visible)
{
  double upp = self->scale.usec_per_px;
  guint n_touching = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = matching_at (self, i);
      double wx0 = (double) (item->from - self->origin) / upp;
      double wx1 = (double) (item->to - self->origin) / upp;
      gboolean dot = is_dot_at (item->has_end, item->to - item->from, upp);
      double x0 = dot ? (wx0 + wx1) / 2 + base : wx0 + base;
      double x1 = dot ? x0 : wx1 + base;
      guint b0, b1;

      if (x1 < 0 || x0 >= width)
        continue;

      n_touching++;
      if (all == NULL)
        continue;
      b0 = column_of (x0, width);
      b1 = column_of (x1, width) + 1;
      all[b0]++;
      all[b1]--;
      if (item_is_visible (self, item))
        {
          visible[b0]++;
          visible[b1]--;
        }
    }

  return n_touching;
}

/* Where @item goes at @upp: its span in world pixels and what it takes in its lane */
static inline void
place_item (Item   *item,
            gint64  origin,
            double  upp)
{
  item->wx0 = (double) (item->from - origin) / upp;
  item->wx1 = (double) (item->to - origin) / upp;
  item->is_dot = is_dot_at (item->has_end, item->to - item->from, upp);

  if (item->is_dot)
    {
      double c = (item->wx0 + item->wx1) / 2.0;

      item->px0 = c - DOT_W / 2.0;
      item->px1 = c + DOT_W / 2.0;
    }
  else
    {
      item->px0 = item->wx0;
      item->px1 = MAX (item->wx1, item->wx0 + MIN_BAR_W);
    }
}

/* Positions in items, in px0 order (with the rest of the items of one
 * CountClass, px0 and px1 grow with the position when the class has no end) */
typedef struct {
  const guint *positions;
  guint        n;
  guint        next;
  Item         head;      /* positions[next], placed */
} Run;

static void
run_load_head (AtlasTimeline *self,
               Run           *run)
{
  if (run->next >= run->n)
    return;
  run->head = *matching_at (self, run->positions[run->next]);
  place_item (&run->head, self->origin, self->scale.usec_per_px);
}

/* Appends to laid the items of @runs, merged into (px0, event index) order —
 * what compare_items() sorts by, in O(items × runs) */
static void
merge_runs (AtlasTimeline *self,
            Run           *runs,
            guint          n_runs)
{
  for (guint r = 0; r < n_runs; r++)
    run_load_head (self, &runs[r]);

  for (;;)
    {
      Run *best = NULL;

      for (guint r = 0; r < n_runs; r++)
        {
          Run *run = &runs[r];

          if (run->next >= run->n)
            continue;
          /* positions follow event indexes: ties by position */
          if (best == NULL || run->head.px0 < best->head.px0
              || (run->head.px0 == best->head.px0
                  && run->positions[run->next] < best->positions[best->next]))
            best = run;
        }
      if (best == NULL)
        break;

      g_array_append_val (self->laid, best->head);
      best->next++;
      run_load_head (self, best);
    }
}

/* first k in [lo, hi) of @class's members whose px0 (@right: px1 + LANE_GAP)
 * is at or beyond @x (@right: beyond); px0 grows with k, and so does px1 in a
 * class without an end */
static guint
class_bound (AtlasTimeline    *self,
             const CountClass *class,
             guint             lo,
             guint             hi,
             double            x,
             gboolean          right)
{
  const guint *members = (const guint *) (const void *) class->members->data;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Item item = *matching_at (self, members[mid]);

      place_item (&item, self->origin, self->scale.usec_per_px);
      if (right ? item.px1 + LANE_GAP <= x : item.px0 < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Of @class's members before @first_in (those left of @w0), the first whose
 * mark reaches @w0 and beyond (px1 + LANE_GAP > @w0); @picked (if not NULL)
 * gets all of them.  Returns @first_in when none does. */
static guint
class_reaching (AtlasTimeline    *self,
                const CountClass *class,
                guint             first_in,
                double            w0,
                GArray           *picked)
{
  const guint *members = (const guint *) (const void *) class->members->data;
  const gint64 *starts = (const gint64 *) (const void *) class->starts->data;
  double upp = self->scale.usec_per_px;
  guint first = first_in;

  if (!class->has_end)
    {
      /* px1 grows with the start too: those reaching in are one run */
      first = class_bound (self, class, 0, first_in, w0, TRUE);
      if (picked != NULL)
        g_array_append_vals (picked, members + first, first_in - first);
      return first;
    }

  /* spans with an end: found by the latest end of each block of starts */
  for (guint block = 0; block * COUNT_BLOCK < first_in; block++)
    {
      guint b0 = block * COUNT_BLOCK;
      guint b1 = MIN (first_in, b0 + COUNT_BLOCK);
      gint64 latest_end = g_array_index (class->block_max, gint64, block);
      double reach = MAX ((double) (latest_end - self->origin) / upp,
                          (double) (starts[b1 - 1] - self->origin) / upp + MIN_BAR_W);

      /* px1 = MAX (wx1, wx0 + MIN_BAR_W): no item of the block gets past @reach */
      if (reach + LANE_GAP <= w0)
        continue;
      for (guint k = b0; k < b1; k++)
        {
          Item item = *matching_at (self, members[k]);

          place_item (&item, self->origin, upp);
          if (item.px1 + LANE_GAP <= w0)
            continue;
          first = MIN (first, k);
          if (picked == NULL)
            return first;
          g_array_append_val (picked, members[k]);
        }
    }
  return first;
}

/* Moves window_from left until no mark before it reaches past it, within a
 * budget of items: then every lane is free there, and the greedy packing from
 * window_from gives each item the lane the layout of all of them gives it. */
static void
find_window_start (AtlasTimeline *self)
{
  double snapped = self->window_from;

  for (guint step = 0; step < 8; step++)
    {
      double left = self->window_from;
      guint n_added = 0;

      for (guint c = 0; c < self->count_classes->len; c++)
        {
          const CountClass *class = &g_array_index (self->count_classes, CountClass, c);
          guint first_in = class_bound (self, class, 0, class->members->len, self->window_from,
                                        FALSE);
          guint first = class_reaching (self, class, first_in, self->window_from, NULL);
          Item item;

          if (first == first_in)
            continue;
          item = *matching_at (self, g_array_index (class->members, guint, first));
          place_item (&item, self->origin, self->scale.usec_per_px);
          left = MIN (left, item.px0);
        }
      if (left == self->window_from)
        return;

      /* what moving there adds: too much to be worth it */
      for (guint c = 0; c < self->count_classes->len; c++)
        {
          const CountClass *class = &g_array_index (self->count_classes, CountClass, c);
          guint n = class->members->len;

          n_added += class_bound (self, class, 0, n, self->window_from, FALSE)
                     - class_bound (self, class, 0, n, left, FALSE);
        }
      if (n_added > 2 * DENSE_LIMIT)
        break;
      self->window_from = left;
    }

  /* long spans reach in from far away (no free place near): the window as
   * it was, the spans reaching into it packed first */
  self->window_from = snapped;
}

/* Fills laid with the items that touch [window_from, window_to) in px0 order:
 * those that start in it, and those that start before it but reach into it
 * (none, when find_window_start() found a place where every lane is free;
 * otherwise they are packed first, from lane 0). */
static void
collect_window (AtlasTimeline *self,
                GPtrArray     *scratch)
{
  g_autofree Run *runs = g_new0 (Run, MAX (self->count_classes->len, 1));

  find_window_start (self);

  for (guint c = 0; c < self->count_classes->len; c++)
    {
      const CountClass *class = &g_array_index (self->count_classes, CountClass, c);
      const guint *members = (const guint *) (const void *) class->members->data;
      guint n = class->members->len;
      guint first_in = class_bound (self, class, 0, n, self->window_from, FALSE);
      guint end = class_bound (self, class, first_in, n, self->window_to, FALSE);
      GArray *picked = g_array_new (FALSE, FALSE, sizeof (guint));

      class_reaching (self, class, first_in, self->window_from, picked);
      g_array_append_vals (picked, members + first_in, end - first_in);
      g_ptr_array_add (scratch, picked);
      runs[c].positions = (const guint *) (const void *) picked->data;
      runs[c].n = picked->len;
    }

  merge_runs (self, runs, self->count_classes->len);
}

/* Computes the world extents, sorts and packs the items for the current zoom:
 * all of them, or at scale only a window around the view [@view_from, @view_to)
 * (world x) — a sparse view of a million events then costs what its
 * neighbourhood holds, not a sort of everything on each zoom step. */
static void
relayout (AtlasTimeline *self,
          double         view_from,
          double         view_to)
{
  g_autofree double *x0 = NULL;
  g_autofree double *x1 = NULL;
  g_autofree guint *lanes = NULL;
  g_autoptr(GPtrArray) scratch = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  double upp = self->scale.usec_per_px;
  guint n;

  self->laid_out_usec_per_px = upp;
  self->layout_dirty = FALSE;
  self->items_generation++;
  self->max_extent = 0;
  self->n_lanes = 0;

  /* only the slots the previous layout set */
  for (guint i = 0; i < self->laid->len; i++)
    {
      guint index = atlas_event_get_index (item_at (self, i)->event);

      if (index < self->n_slots)
        self->slots[index] = NONE_INDEX;
    }
  g_array_set_size (self->laid, 0);

  self->layout_windowed = self->counts_valid && self->items->len >= self->layout_window_min
                          && view_to > view_from && !self->layout_by_sorting;
  if (self->layout_windowed)
    {
      /* a window three views wide on a grid of view widths, so that panning
       * within it keeps the layout (and every lane) as it is */
      double width = view_to - view_from;

      self->window_from = (floor (view_from / width) - 1) * width;
      self->window_to = self->window_from + 4 * width;
      collect_window (self, scratch);
    }
  else if (self->counts_valid && !self->layout_by_sorting)
    {
      /* each CountClass is in px0 order already: merge them */
      g_autofree Run *runs = g_new0 (Run, MAX (self->count_classes->len, 1));

      for (guint c = 0; c < self->count_classes->len; c++)
        {
          const CountClass *class = &g_array_index (self->count_classes, CountClass, c);

          runs[c].positions = (const guint *) (const void *) class->members->data;
          runs[c].n = class->members->len;
        }
      merge_runs (self, runs, self->count_classes->len);
    }
  else
    {
      g_array_append_vals (self->laid, self->items->data, self->items->len);
      for (guint i = 0; i < self->laid->len; i++)
        place_item (item_at (self, i), self->origin, upp);
      g_array_sort (self->laid, compare_items);
    }

  n = self->laid->len;
  if (n == 0)
    return;

  x0 = g_new (double, n);
  x1 = g_new (double, n);
  lanes = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      x0[i] = item_at (self, i)->px0;
      x1[i] = item_at (self, i)->px1;
    }

  self->n_lanes = atlas_timescale_pack_lanes (x0, x1, n, LANE_GAP, MAX_LANES, lanes);

  for (guint i = 0; i < n; i++)
    {
      Item *item = item_at (self, i);

      item->lane = lanes[i];
      self->max_extent = MAX (self->max_extent, item->px1 - item->px0);
      self->slots[atlas_event_get_index (item->event)] = i;
    }
}

static void
ensure_layout (AtlasTimeline *self,
               double         view_from,
               double         view_to)
{
  if (self->layout_dirty || self->laid_out_usec_per_px != self->scale.usec_per_px
      || (self->layout_windowed && (view_from < self->window_from || view_to > self->window_to)))
    relayout (self, view_from, view_to);
}

/* One item per dated event of the dataset, in event index order (the fields that
 * do not depend on the zoom): built once per dataset */
static void
rebuild_all_items (AtlasTimeline *self)
{
  guint n_events;

  g_array_set_size (self->all_items, 0);

  if (self->dataset == NULL)
    return;

  n_events = atlas_dataset_get_n_events (self->dataset);
  for (guint i = 0; i < n_events; i++)
    {
      AtlasEvent *event = atlas_dataset_get_event (self->dataset, i);
      Item item = { 0 };

      /* no place on a time axis; they sort last */
      if (atlas_event_is_undated (event))
        break;

      item.event = event;
      atlas_event_get_span (event, &item.from, &item.to);
      if (item.to <= item.from)
        item.to = item.from + 1;
      item.has_end = atlas_event_get_end (event) != ATLAS_TIME_NONE;
      item.basis = atlas_event_get_basis (event);
      item.category = category_index (self, atlas_event_get_category (event));
      g_array_append_val (self->all_items, item);
    }

  update_colors (self);
}

/* The items that match the filter: the context's matching events, copied from
 * all_items (O(matches)) */
static void
rebuild_items (AtlasTimeline *self)
{
  const guint *matching;
  guint n_matching = 0, n_items = 0;
  Item *items;

  g_array_set_size (self->items, 0);
  g_array_set_size (self->count_classes, 0);
  self->counts_valid = TRUE;
  self->layout_dirty = TRUE;
  self->items_generation++;

  if (self->dataset == NULL || self->context == NULL)
    return;

  matching = atlas_context_get_matching (self->context, &n_matching);
  g_array_set_size (self->items, n_matching);
  items = (Item *) (void *) self->items->data;
  for (guint i = 0; i < n_matching && matching[i] < self->all_items->len; i++)
    items[n_items++] = g_array_index (self->all_items, Item, matching[i]);
  g_array_set_size (self->items, n_items);
  rebuild_count_classes (self);
}

static void
update_selected (AtlasTimeline *self)
{
  guint n = self->selection != NULL ? atlas_selection_get_n_events (self->selection) : 0;

  g_array_set_size (self->selected, 0);
  for (guint i = 0; i < n; i++)
    {
      guint index = atlas_event_get_index (atlas_selection_get_event (self->selection, i));

      g_array_append_val (self->selected, index);
    }
}

static void
update_accessible_value (AtlasTimeline *self)
{
  gint64 playhead = self->context != NULL ? atlas_context_get_playhead (self->context)
                                          : ATLAS_TIME_NONE;
  g_autofree char *text = NULL;

  if (playhead == ATLAS_TIME_NONE)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
      return;
    }

  text = atlas_time_format_human (playhead, 0,
                                  self->scale.usec_per_px * 200 < ATLAS_USEC_PER_DAY
                                  ? ATLAS_PRECISION_MINUTE : ATLAS_PRECISION_DAY,
                                  ATLAS_BASIS_STATED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN,
                                  (double) self->range_from / ATLAS_USEC_PER_DAY,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX,
                                  (double) self->range_to / ATLAS_USEC_PER_DAY,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) playhead / ATLAS_USEC_PER_DAY,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

static void
apply_range (AtlasTimeline *self,
             gint64         from,
             gint64         to)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (width <= 0)
    {
      self->pending_from = from;
      self->pending_to = to;
      self->has_pending = TRUE;
      return;
    }

  self->has_pending = FALSE;
  atlas_timescale_set_range (&self->scale, from, to, width);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
frame_range (AtlasTimeline *self,
             gint64        *from,
             gint64        *to)
{
  gint64 pad;

  if (self->range_from == ATLAS_TIME_NONE)
    {
      gint64 now = g_get_real_time ();

      *from = now - 365 * ATLAS_USEC_PER_DAY;
      *to = now;
      return;
    }

  pad = MAX ((self->range_to - self->range_from) / 30, ATLAS_USEC_PER_DAY / 2);
  *from = self->range_from - pad;
  *to = self->range_to + pad;
}

/* The stretch of time the timeline opens on: the shortest one that holds half
 * the dated events, when it is much narrower than the whole range (a report of
 * one day with some background years before it opens on that day, not on one
 * crowded column), widened to the "Reported" line when that is near.  Nothing
 * when the events are spread evenly. */
static void
find_focus (AtlasTimeline *self)
{
  const Item *items = (const Item *) (const void *) self->all_items->data;
  guint n = self->all_items->len;
  guint k = (n + 1) / 2;
  guint best = 0;
  gint64 from, to, whole;

  self->focus_from = self->focus_to = ATLAS_TIME_NONE;
  if (n < 8 || self->range_from == ATLAS_TIME_NONE)
    return;

  /* all_items are in start order */
  for (guint i = 1; i + k <= n; i++)
    if (items[i + k - 1].from - items[i].from < items[best + k - 1].from - items[best].from)
      best = i;

  from = items[best].from;
  to = from;
  for (guint i = best; i < best + k; i++)
    to = MAX (to, items[i].to);

  whole = self->range_to - self->range_from;
  if (self->reported != ATLAS_TIME_NONE && self->reported > to
      && self->reported - to < MAX (to - from, 7 * ATLAS_USEC_PER_DAY))
    to = self->reported;
  if ((to - from) * 8 > whole)
    return;

  self->focus_from = from - MAX ((to - from) / 2, 3 * ATLAS_USEC_PER_DAY);
  self->focus_to = to + MAX ((to - from) / 2, 3 * ATLAS_USEC_PER_DAY);
}

/* what the timeline opens on: the focus if there is one, else everything */
static void
focus_range (AtlasTimeline *self,
             gint64        *from,
             gint64        *to)
{
  if (self->focus_from == ATLAS_TIME_NONE)
    {
      frame_range (self, from, to);
      return;
    }

  *from = self->focus_from;
  *to = self->focus_to;
}

/* Keeps some of the data in view: the centre stays within the dataset's range. */
static void
clamp_view (AtlasTimeline *self)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  gint64 half = (gint64) (self->scale.usec_per_px * width / 2.0);
  gint64 centre = self->scale.start + half;
  gint64 lo, hi;

  frame_range (self, &lo, &hi);
  if (centre < lo)
    self->scale.start = lo - half;
  else if (centre > hi)
    self->scale.start = hi - half;
}

static void
user_zoom (AtlasTimeline *self,
           double         factor,
           double         anchor_x)
{
  if (!atlas_timescale_zoom_at (&self->scale, factor, anchor_x))
    return;

  self->framed_all = FALSE;
  clamp_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
user_pan (AtlasTimeline *self,
          double         dx)
{
  if (dx == 0)
    return;

  atlas_timescale_pan (&self->scale, dx);
  self->framed_all = FALSE;
  clamp_view (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ensure_bins (AtlasTimeline *self,
             double         width)
{
  guint n = (guint) ceil (width / HIST_BIN) + 2;

  if (n == self->n_bins)
    return;

  self->n_bins = n;
  self->bins_all = g_renew (guint, self->bins_all, n);
  self->bins_visible = g_renew (guint, self->bins_visible, n);
  self->bins_overflow = g_renew (guint, self->bins_overflow, n);
}

static guint
lower_bound (AtlasTimeline *self,
             double         wx)
{
  guint lo = 0;
  guint hi = self->laid->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (item_at (self, mid)->px0 < wx)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Works out where everything goes for the current size, zoom and pan. */
static void
update_frame (AtlasTimeline *self)
{
  Frame *f = &self->frame;
  double avail;
  guint first, n_touching;

  f->width = gtk_widget_get_width (GTK_WIDGET (self));
  f->height = gtk_widget_get_height (GTK_WIDGET (self));
  f->base = atlas_timescale_time_to_x (&self->scale, self->origin);

  /* too many marks in view to draw one by one: per-column density, which needs
   * no lanes, so the items are not laid out again for every zoom */
  n_touching = self->counts_valid ? count_columns (self, f->base, f->width, NULL, NULL)
                                  : count_columns_one_by_one (self, f->base, f->width, NULL, NULL);
  f->dense = n_touching > DENSE_LIMIT;
  if (f->dense)
    {
      f->first = f->last = 0;
      f->n_in_view = n_touching;
    }
  else
    {
      ensure_layout (self, -f->base, f->width - f->base);
      first = lower_bound (self, -f->base - self->max_extent - 1);
      while (first < self->laid->len && item_at (self, first)->px1 + f->base < 0)
        first++;
      f->first = first;
      f->last = lower_bound (self, f->width - f->base + 1);
      f->last = MAX (f->last, f->first);
      f->n_in_view = f->last - f->first;
    }

  /* the histogram only when marks pile up: too many in view to read one by
   * one, or more lanes than fit tall enough for their titles */
  f->hist_h = f->dense || f->n_in_view > HIST_MIN_EVENTS
              || self->n_lanes * TITLE_LANE_H > MAX (f->height - AXIS_H - TOP_PAD - 2.0, 0) ? HIST_H : 0;
  f->lanes_top = TOP_PAD + f->hist_h;
  f->axis_top = MAX (f->height - AXIS_H, f->lanes_top);
  avail = MAX (f->axis_top - f->lanes_top - 2.0, 0);

  if (self->n_lanes == 0)
    {
      f->lane_h = MAX_LANE_H;
      f->lanes_fit = 0;
    }
  else
    {
      f->lane_h = CLAMP (floor (avail / self->n_lanes), MIN_LANE_H, MAX_LANE_H);
      f->lanes_fit = (guint) floor (avail / f->lane_h);
      if (f->lanes_fit < self->n_lanes)
        {
          f->lanes_fit = (guint) floor (MAX (avail - OVERFLOW_H - 1, 0) / f->lane_h);
          f->overflow_top = f->lanes_top + f->lanes_fit * f->lane_h + 1;
        }
      else
        f->overflow_top = -1;
    }
}

static gboolean
item_in_lanes (AtlasTimeline *self,
               const Item    *item)
{
  return item->lane != ATLAS_TIMESCALE_LANE_OVERFLOW && item->lane < self->frame.lanes_fit
         && !self->frame.dense;
}

static double
mark_height (const Frame *f)
{
  return MIN (f->lane_h >= 14 ? f->lane_h - 4 : f->lane_h - 1, 14);
}

/* The screen rectangle of an item's mark */
static void
item_rect (AtlasTimeline   *self,
           const Item      *item,
           graphene_rect_t *rect)
{
  const Frame *f = &self->frame;
  double mark_h = mark_height (f);
  double y = f->lanes_top + item->lane * f->lane_h + (f->lane_h - mark_h) / 2;

  if (item->is_dot)
    {
      double c = (item->wx0 + item->wx1) / 2 + f->base;
      double d = MIN (mark_h, 10);

      graphene_rect_init (rect, c - d / 2, y + (mark_h - d) / 2, d, d);
    }
  else
    graphene_rect_init (rect, item->px0 + f->base, y, item->px1 - item->px0, mark_h);
}

static const Item *
find_item_at (AtlasTimeline *self,
              double         x,
              double         y)
{
  const Frame *f = &self->frame;
  const Item *best = NULL;
  double best_distance = G_MAXDOUBLE;
  guint lane;

  update_frame (self);

  if (f->dense || y < f->lanes_top || f->lane_h <= 0)
    return NULL;

  lane = (guint) floor ((y - f->lanes_top) / f->lane_h);
  if (lane >= f->lanes_fit)
    return NULL;

  for (guint i = lower_bound (self, x - f->base - self->max_extent - HIT_SLOP);
       i < self->laid->len && item_at (self, i)->px0 + f->base <= x + HIT_SLOP;
       i++)
    {
      const Item *item = item_at (self, i);
      graphene_rect_t r;
      double distance;

      if (item->lane != lane)
        continue;

      item_rect (self, item, &r);
      if (x < r.origin.x - HIT_SLOP || x > r.origin.x + r.size.width + HIT_SLOP)
        continue;

      distance = fabs (x - (r.origin.x + r.size.width / 2));
      if (distance < best_distance)
        {
          best = item;
          best_distance = distance;
        }
    }

  return best;
}

static void
set_playhead (AtlasTimeline *self,
              gint64         playhead)
{
  if (self->context == NULL)
    return;

  atlas_context_set_playhead (self->context, playhead);
}

static void
ensure_time_visible (AtlasTimeline *self,
                     gint64         time)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double x = atlas_timescale_time_to_x (&self->scale, time);
  double margin = MIN (48, width / 4);

  if (x < margin)
    user_pan (self, x - margin);
  else if (x > width - margin)
    user_pan (self, x - (width - margin));
}

static gint64
current_playhead (AtlasTimeline *self)
{
  gint64 playhead = self->context != NULL ? atlas_context_get_playhead (self->context)
                                          : ATLAS_TIME_NONE;

  if (playhead == ATLAS_TIME_NONE)
    playhead = atlas_timescale_x_to_time (&self->scale, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0);

  return playhead;
}

static gboolean
playhead_is_near (AtlasTimeline *self,
                  double         x)
{
  gint64 playhead = self->context != NULL ? atlas_context_get_playhead (self->context)
                                          : ATLAS_TIME_NONE;

  return playhead != ATLAS_TIME_NONE
         && fabs (atlas_timescale_time_to_x (&self->scale, playhead) - x) <= PLAYHEAD_SLOP;
}

static void
get_time_window (AtlasTimeline *self,
                 gint64        *from,
                 gint64        *to)
{
  *from = *to = ATLAS_TIME_NONE;

  if (self->drag_mode == DRAG_BRUSH)
    {
      *from = MIN (self->brush_from, self->brush_to);
      *to = MAX (self->brush_from, self->brush_to);
    }
  else if (self->filter != NULL)
    atlas_filter_get_time_window (self->filter, from, to);
}

static void
clear_time_window (AtlasTimeline *self)
{
  gint64 from, to;

  if (self->filter == NULL)
    return;

  atlas_filter_get_time_window (self->filter, &from, &to);
  if (from != ATLAS_TIME_NONE || to != ATLAS_TIME_NONE)
    atlas_filter_set_time_window (self->filter, ATLAS_TIME_NONE, ATLAS_TIME_NONE);
}

/* --------------------------------------------------------------- drawing */

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              guint32     fallback,
              GdkRGBA    *out)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (style, name, out))
    {
      out->red = ((fallback >> 16) & 0xff) / 255.f;
      out->green = ((fallback >> 8) & 0xff) / 255.f;
      out->blue = (fallback & 0xff) / 255.f;
      out->alpha = 1.f;
    }
}

static inline GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         w,
             double         h)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
}

static void
append_round (GtkSnapshot           *snapshot,
              const graphene_rect_t *rect,
              float                  radius,
              const GdkRGBA         *fill,
              const GdkRGBA         *outline,
              float                  outline_width)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, rect, radius);

  if (fill != NULL)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rr);
      gtk_snapshot_append_color (snapshot, fill, rect);
      gtk_snapshot_pop (snapshot);
    }

  if (outline != NULL)
    {
      const float widths[4] = { outline_width, outline_width, outline_width, outline_width };
      const GdkRGBA colors[4] = { *outline, *outline, *outline, *outline };

      gtk_snapshot_append_border (snapshot, &rr, widths, colors);
    }
}

static void
append_label (GtkSnapshot   *snapshot,
              PangoLayout   *layout,
              const GdkRGBA *color,
              double         x,
              double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) round (x), (float) round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static int
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Diagonal hatching across @r: what is announced, not yet happened */
static void
append_hatch (GtkSnapshot           *snapshot,
              const graphene_rect_t *r,
              const GdkRGBA         *color)
{
  cairo_t *cr;
  double step = 5;

  if (r->size.width < 2 || r->size.height < 2)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, r);
  cairo_rectangle (cr, r->origin.x, r->origin.y, r->size.width, r->size.height);
  cairo_clip (cr);
  for (double x = r->origin.x - r->size.height; x < r->origin.x + r->size.width; x += step)
    {
      cairo_move_to (cr, x, r->origin.y + r->size.height);
      cairo_line_to (cr, x + r->size.height, r->origin.y);
    }
  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* One event.  @alpha is 1 for visible events, GHOST_ALPHA for those after
 * the playhead. */
static void
draw_item (AtlasTimeline *self,
           GtkSnapshot   *snapshot,
           const Item    *item,
           float          alpha)
{
  const GdkRGBA *base = &g_array_index (self->category_colors, GdkRGBA, item->category);
  graphene_rect_t r;
  GdkRGBA color;

  if (item->basis == ATLAS_BASIS_APPROXIMATE)
    alpha *= APPROX_ALPHA;
  color = with_alpha (base, alpha);

  item_rect (self, item, &r);

  if (item->is_dot)
    {
      if (item->basis == ATLAS_BASIS_PLANNED)
        {
          GdkRGBA fill = with_alpha (base, alpha * 0.2f);

          append_round (snapshot, &r, r.size.width / 2, &fill, &color, 1.5f);
        }
      else
        append_round (snapshot, &r, r.size.width / 2, &color, NULL, 0);
    }
  else if (item->has_end)
    {
      /* a known duration: a bar */
      if (item->basis == ATLAS_BASIS_PLANNED)
        {
          GdkRGBA fill = with_alpha (base, alpha * 0.2f);
          GdkRGBA hatch = with_alpha (base, alpha * 0.55f);

          append_round (snapshot, &r, MIN (3, r.size.height / 2), &fill, &color, 1.5f);
          append_hatch (snapshot, &r, &hatch);
        }
      else
        append_round (snapshot, &r, MIN (3, r.size.height / 2), &color, NULL, 0);
    }
  else
    {
      /* an imprecise date: a range bracket across the whole period it may be in */
      double mid = r.origin.y + r.size.height / 2;
      double cap = MIN (2, r.size.width / 2);
      GdkRGBA faint = with_alpha (base, alpha * (item->basis == ATLAS_BASIS_PLANNED ? 0.1f : 0.22f));

      append_rect (snapshot, &faint, r.origin.x, r.origin.y, r.size.width, r.size.height);
      if (item->basis == ATLAS_BASIS_PLANNED)
        {
          GdkRGBA hatch = with_alpha (base, alpha * 0.45f);

          append_hatch (snapshot, &r, &hatch);
        }
      append_rect (snapshot, &color, r.origin.x, mid - 1, r.size.width, 2);
      append_rect (snapshot, &color, r.origin.x, r.origin.y, cap, r.size.height);
      append_rect (snapshot, &color, r.origin.x + r.size.width - cap, r.origin.y, cap, r.size.height);
    }
}

/* Writes @item's title, up to @limit (the next mark of its lane).  Solid bars
 * wide enough take it inside, in white; otherwise it goes beside the mark, like
 * for dots; a span too long for that (wider than the view, or running into the
 * next mark) keeps it pinned to the left of its part in view, on a chip of the
 * background where the bracket's line would cross it. */
static void
draw_title (AtlasTimeline *self,
            GtkSnapshot   *snapshot,
            PangoLayout   *layout,
            const Item    *item,
            double         limit,
            const GdkRGBA *fg,
            const GdkRGBA *bg)
{
  graphene_rect_t r;
  double x, room, right, inside;
  gboolean solid, on_bar;
  GdkRGBA color;
  int w, h;

  item_rect (self, item, &r);
  solid = !item->is_dot && item->has_end && item_is_visible (self, item)
          && item->basis != ATLAS_BASIS_PLANNED && item->basis != ATLAS_BASIS_APPROXIMATE;
  right = r.origin.x + r.size.width;
  limit = MIN (limit - 3, self->frame.width);
  /* the part of the bar in view, less the padding on both sides */
  inside = MIN (right, self->frame.width) - MAX (r.origin.x, 0) - 8;

  pango_layout_set_text (layout, atlas_event_get_title (item->event), -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  if (solid && w <= inside)
    {
      on_bar = TRUE;
      x = MAX (r.origin.x, 0) + 4;
      room = inside;
    }
  else if (item->is_dot || right + 40 <= limit)
    {
      on_bar = FALSE;
      x = right + 4;
      room = limit - x;
    }
  else if (!item->is_dot && inside >= 24)
    {
      on_bar = TRUE;
      x = MAX (r.origin.x, 0) + 4;
      room = inside;
    }
  else
    return;
  if (room < 24)
    return;

  if (on_bar && solid)
    color = (GdkRGBA) { 1, 1, 1, 1 };
  else
    color = *fg;
  if (!item_is_visible (self, item))
    color.alpha *= GHOST_ALPHA * 2;

  if (on_bar && !solid)
    {
      graphene_rect_t chip = GRAPHENE_RECT_INIT (x - 3, r.origin.y, MIN (w, room) + 6, r.size.height);
      GdkRGBA back = with_alpha (bg, 0.9f);

      append_round (snapshot, &chip, MIN (3, chip.size.height / 2), &back, NULL, 0);
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x, r.origin.y - 2, room, r.size.height + 4));
  append_label (snapshot, layout, &color, x, r.origin.y + (r.size.height - h) / 2);
  gtk_snapshot_pop (snapshot);
}

/* Writes each event's title from its mark up to the next mark of its lane. */
static void
draw_titles (AtlasTimeline *self,
             GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const GdkRGBA *fg)
{
  const Frame *f = &self->frame;
  const Item *pending[MAX_LANES] = { NULL };
  GdkRGBA bg;

  lookup_color (GTK_WIDGET (self), "view_bg_color", self->dark ? 0x1e1e1e : 0xffffff, &bg);

  for (guint i = f->first; i < f->last; i++)
    {
      const Item *item = item_at (self, i);

      if (!item_in_lanes (self, item))
        continue;

      if (pending[item->lane] != NULL)
        draw_title (self, snapshot, layout, pending[item->lane], item->px0 + f->base, fg, &bg);
      pending[item->lane] = item;
    }

  for (guint lane = 0; lane < MAX_LANES; lane++)
    if (pending[lane] != NULL)
      draw_title (self, snapshot, layout, pending[lane], f->width, fg, &bg);
}

/* whether draw_marks writes the titles beside the marks */
static gboolean
titles_drawn (AtlasTimeline *self)
{
  return self->frame.lane_h >= TITLE_LANE_H && self->frame.n_in_view <= TITLE_LIMIT;
}

/* Where the lanes are too thin for titles, a selected event still says what it is:
 * its title on a chip beside its mark (right of it, or left when there is no room). */
static void
draw_selected_title (AtlasTimeline         *self,
                     GtkSnapshot           *snapshot,
                     PangoLayout           *layout,
                     const Item            *item,
                     const graphene_rect_t *mark,
                     const GdkRGBA         *fg,
                     const GdkRGBA         *border)
{
  graphene_rect_t r = *mark, chip;
  GdkRGBA bg, back;
  double x, y, room;
  int w, h;

  lookup_color (GTK_WIDGET (self), "view_bg_color", self->dark ? 0x1e1e1e : 0xffffff, &bg);
  back = with_alpha (&bg, 0.95f);

  pango_layout_set_text (layout, atlas_event_get_title (item->event), -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  room = self->frame.width - (r.origin.x + r.size.width) - 12;
  if (room >= MIN (w, 120))
    x = r.origin.x + r.size.width + 8;
  else
    {
      room = r.origin.x - 12;
      if (room < MIN (w, 120))
        return;
      x = r.origin.x - 8 - MIN (w, room);
    }
  w = (int) MIN (w, room);
  y = CLAMP (r.origin.y + r.size.height / 2 - h / 2.0 - 2, 0, self->frame.axis_top - h - 4);

  chip = GRAPHENE_RECT_INIT (x - 5, y, w + 10, h + 4);
  append_round (snapshot, &chip, 4, &back, border, 1);
  /* a title cut short ends in "…" (the layout is shared: set back after) */
  pango_layout_set_width (layout, w * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  append_label (snapshot, layout, fg, x, y + 2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (layout, -1);
}

static void
draw_highlight (AtlasTimeline *self,
                GtkSnapshot   *snapshot,
                const Item    *item,
                const GdkRGBA *color,
                float          width)
{
  graphene_rect_t r;
  float radius;

  item_rect (self, item, &r);
  graphene_rect_inset (&r, -width - 1, -width - 1);
  radius = item->is_dot ? r.size.width / 2 : MIN (4 + width, r.size.height / 2);
  append_round (snapshot, &r, radius, NULL, color, width);
}

static void
draw_histogram_and_density (AtlasTimeline *self,
                            GtkSnapshot   *snapshot,
                            const GdkRGBA *fg)
{
  const Frame *f = &self->frame;
  guint max_all = 0;
  guint max_overflow = 0;
  gboolean any_overflow = FALSE;

  ensure_bins (self, f->width);
  memset (self->bins_all, 0, self->n_bins * sizeof (guint));
  memset (self->bins_visible, 0, self->n_bins * sizeof (guint));
  memset (self->bins_overflow, 0, self->n_bins * sizeof (guint));

  /* each bin counts the events whose span overlaps it: an event known only to
   * the day covers its whole day, not its midnight.  Differences first, then
   * running sums. */
  if (self->counts_valid)
    count_columns (self, f->base, f->width, self->bins_all, self->bins_visible);
  else
    count_columns_one_by_one (self, f->base, f->width, self->bins_all, self->bins_visible);

  /* the marks that do not fit the lanes: at most DENSE_LIMIT in view */
  for (guint i = f->first; i < f->last; i++)
    {
      const Item *item = item_at (self, i);
      double x0 = item->is_dot ? (item->wx0 + item->wx1) / 2 + f->base : item->wx0 + f->base;
      double x1 = item->is_dot ? x0 : item->wx1 + f->base;
      guint b0, b1;

      if (x1 < 0 || x0 >= f->width)
        continue;

      b0 = (guint) (CLAMP (x0, 0, f->width - 1) / HIST_BIN);
      b1 = (guint) (CLAMP (x1, 0, f->width - 1) / HIST_BIN) + 1;
      if (!f->dense && !item_in_lanes (self, item))
        {
          self->bins_overflow[b0]++;
          self->bins_overflow[b1]--;
          any_overflow = TRUE;
        }
    }

  for (guint b = 1; b < self->n_bins; b++)
    {
      self->bins_all[b] += self->bins_all[b - 1];
      self->bins_visible[b] += self->bins_visible[b - 1];
      self->bins_overflow[b] += self->bins_overflow[b - 1];
    }

  for (guint b = 0; b < self->n_bins; b++)
    {
      max_all = MAX (max_all, self->bins_all[b]);
      max_overflow = MAX (max_overflow, self->bins_overflow[b]);
    }

  if (f->hist_h > 0 && max_all > 0)
    {
      GdkRGBA all = with_alpha (fg, 0.10f);
      GdkRGBA visible = with_alpha (fg, 0.28f);
      double top = TOP_PAD;
      double h = f->hist_h - 4;
      /* a square-root scale keeps single events visible next to big piles */
      double k = h / sqrt ((double) max_all);

      /* runs of equal counts as one rectangle each */
      for (guint b = 0; b < self->n_bins;)
        {
          guint a = self->bins_all[b];
          guint v = self->bins_visible[b];
          guint e = b + 1;
          double ha, hv;

          while (e < self->n_bins && self->bins_all[e] == a && self->bins_visible[e] == v)
            e++;

          if (a > 0)
            {
              ha = MAX (1.5, sqrt ((double) a) * k);
              hv = v > 0 ? MAX (1.5, sqrt ((double) v) * k) : 0;
              append_rect (snapshot, &all, b * HIST_BIN, top + h - ha, (e - b) * HIST_BIN, ha);
              if (hv > 0)
                append_rect (snapshot, &visible, b * HIST_BIN, top + h - hv, (e - b) * HIST_BIN, hv);
            }
          b = e;
        }
    }

  if (f->dense && max_all > 0)
    {
      /* too many marks to draw one by one: per-column density across the lanes */
      double h = f->axis_top - f->lanes_top - 2;
      double k = h / log1p ((double) max_all);

      for (guint b = 0; b < self->n_bins; b++)
        {
          GdkRGBA c;
          double hb;

          if (self->bins_all[b] == 0)
            continue;

          c = with_alpha (fg, self->bins_visible[b] > 0 ? 0.5f : GHOST_ALPHA);
          hb = MAX (1.5, log1p ((double) self->bins_all[b]) * k);
          append_rect (snapshot, &c, b * HIST_BIN, f->axis_top - 2 - hb, HIST_BIN - 1, hb);
        }
    }
  else if (any_overflow && f->overflow_top >= 0)
    {
      for (guint b = 0; b < self->n_bins; b++)
        {
          GdkRGBA c;

          if (self->bins_overflow[b] == 0)
            continue;

          c = with_alpha (fg, 0.15f + 0.35f * self->bins_overflow[b] / (float) max_overflow);
          append_rect (snapshot, &c, b * HIST_BIN, f->overflow_top, HIST_BIN, OVERFLOW_H);
        }
    }
}

static void
draw_axis (AtlasTimeline *self,
           GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const GdkRGBA *fg)
{
  const Frame *f = &self->frame;
  AtlasTickStep step = atlas_timescale_choose_step (&self->scale, TICK_MIN_PX);
  AtlasTickStep context_step = { atlas_tick_step_get_context_unit (step), 1 };
  gint64 view_from = atlas_timescale_x_to_time (&self->scale, 0);
  gint64 view_to = atlas_timescale_x_to_time (&self->scale, f->width);
  g_autoptr(GArray) ticks = atlas_tick_step_list (step, view_from, view_to, 500);
  g_autoptr(GArray) context_ticks = NULL;
  GdkRGBA line = with_alpha (fg, 0.25f);
  GdkRGBA grid = with_alpha (fg, 0.06f);
  GdkRGBA label = with_alpha (fg, 0.8f);
  GdkRGBA dim = with_alpha (fg, 0.55f);
  double last_end = -G_MAXDOUBLE;

  g_array_set_size (self->context_labels, 0);
  append_rect (snapshot, &line, 0, f->axis_top, f->width, 1);

  for (guint i = 0; i < ticks->len; i++)
    {
      gint64 t = g_array_index (ticks, gint64, i);
      double x = round (atlas_timescale_time_to_x (&self->scale, t));
      g_autofree char *text = atlas_tick_step_format (step, t);
      gboolean boundary = atlas_tick_step_floor (context_step, t) == t;

      append_rect (snapshot, boundary ? &line : &grid, x, f->lanes_top - (f->hist_h > 0 ? f->hist_h : 0),
                   1, f->axis_top - f->lanes_top + f->hist_h);
      append_rect (snapshot, &line, x, f->axis_top, 1, boundary ? 8 : 5);

      if (x + 4 <= last_end)
        continue;
      pango_layout_set_text (layout, text, -1);
      append_label (snapshot, layout, boundary ? fg : &label, x + 4, f->axis_top + 2);
      last_end = x + 4 + layout_width (layout) + 6;
    }

  /* the row naming the enclosing period; the first one sticks to the left edge */
  if (step.unit == ATLAS_PRECISION_YEAR)
    return;

  /* days too narrow for "Monday 5 December 2016 (UTC)": name the month instead,
   * the ticks already name the days */
  if (context_step.unit == ATLAS_PRECISION_DAY
      && atlas_timescale_length (&self->scale, ATLAS_USEC_PER_DAY) < 280)
    {
      context_step.unit = ATLAS_PRECISION_MONTH;
      step = (AtlasTickStep) { ATLAS_PRECISION_DAY, 1 };
    }

  last_end = -G_MAXDOUBLE;
  context_ticks = atlas_tick_step_list (context_step, atlas_tick_step_floor (context_step, view_from),
                                        view_to, 200);
  for (guint i = 0; i < context_ticks->len; i++)
    {
      gint64 t = g_array_index (context_ticks, gint64, i);
      g_autofree char *text = atlas_tick_step_format_context (step, t);
      double x = MAX (atlas_timescale_time_to_x (&self->scale, t) + 4, 4);
      int w;

      /* a year that starts in view is already a tick label */
      if (context_step.unit == ATLAS_PRECISION_YEAR && atlas_timescale_time_to_x (&self->scale, t) >= 0)
        continue;

      pango_layout_set_text (layout, text, -1);
      w = layout_width (layout);

      if (i + 1 < context_ticks->len)
        {
          double next = atlas_timescale_time_to_x (&self->scale, g_array_index (context_ticks, gint64, i + 1));

          x = MIN (x, next - w - 8);
        }

      /* pushed out by the next one, or no room after the previous one */
      if (x < 2 || x < last_end)
        continue;

      append_label (snapshot, layout, &dim, x, f->axis_top + 18);
      last_end = x + w + 12;
      {
        int h;
        graphene_rect_t r;

        pango_layout_get_pixel_size (layout, NULL, &h);
        r = GRAPHENE_RECT_INIT (round (x), f->axis_top + 18, w, h);
        g_array_append_val (self->context_labels, r);
      }
    }
}

static void
draw_reported (AtlasTimeline *self,
               GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               const GdkRGBA *fg,
               const GdkRGBA *bg)
{
  const Frame *f = &self->frame;
  GdkRGBA color = with_alpha (fg, 0.55f);
  double x;
  int w;

  if (self->reported == ATLAS_TIME_NONE)
    return;

  x = round (atlas_timescale_time_to_x (&self->scale, self->reported));
  if (x < -200 || x > f->width + 200)
    return;

  for (double y = TOP_PAD; y < f->axis_top; y += 6)
    append_rect (snapshot, &color, x, y, 1, MIN (3, f->axis_top - y));

  /* Translators: label of the line that marks when the source was published */
  pango_layout_set_text (layout, _("Reported"), -1);
  w = layout_width (layout);
  {
    double lx = x + 4 + w > f->width ? x - 6 - w : x + 4;
    graphene_rect_t r = GRAPHENE_RECT_INIT (lx - 3, TOP_PAD - 1, w + 6, 15);

    append_round (snapshot, &r, 4, bg, NULL, 0);
    append_label (snapshot, layout, &color, lx, TOP_PAD - 1);
  }
}

static void
draw_playhead (AtlasTimeline *self,
               GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               const GdkRGBA *accent,
               const GdkRGBA *bg)
{
  const Frame *f = &self->frame;
  gint64 playhead = atlas_context_get_playhead (self->context);
  gboolean up_to = atlas_context_get_up_to_playhead (self->context);
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;
  graphene_rect_t pill;
  GdkRGBA line;
  double x;
  int w, h;

  if (playhead == ATLAS_TIME_NONE)
    return;

  x = round (atlas_timescale_time_to_x (&self->scale, playhead));
  if (x < -100 || x > f->width + 100)
    return;

  line = up_to ? *accent : with_alpha (accent, 0.6f);
  if (up_to)
    append_rect (snapshot, &line, x - 1, 0, 2, f->height);
  else
    for (double y = 0; y < f->height; y += 5)
      append_rect (snapshot, &line, x, y, 1, 3);

  dt = g_date_time_new_from_unix_utc (playhead / ATLAS_USEC_PER_SECOND);
  if (self->scale.usec_per_px * TICK_MIN_PX < ATLAS_USEC_PER_DAY / 2)
    /* Translators: the playhead's date and time (UTC), a g_date_time_format() format */
    text = g_date_time_format (dt, _("%-d %b %Y, %H:%M"));
  else
    /* Translators: the playhead's date, a g_date_time_format() format */
    text = g_date_time_format (dt, _("%-d %b %Y"));

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  graphene_rect_init (&pill, x - w / 2.0 - 7, f->axis_top + 17, w + 14, h + 2);
  pill.origin.x = CLAMP (pill.origin.x, 1, MAX (1, f->width - pill.size.width - 1));

  /* the chip stands on the axis's second row: a label there it would cut into
   * is hidden, the chip names the date anyway */
  for (guint i = 0; i < self->context_labels->len; i++)
    {
      const graphene_rect_t *r = &g_array_index (self->context_labels, graphene_rect_t, i);

      if (r->origin.x < pill.origin.x + pill.size.width + 4 && r->origin.x + r->size.width > pill.origin.x - 4)
        append_rect (snapshot, bg, r->origin.x - 2, r->origin.y - 1, r->size.width + 4, r->size.height + 2);
    }

  if (up_to)
    {
      const GdkRGBA white = { 1, 1, 1, 1 };

      append_round (snapshot, &pill, pill.size.height / 2, accent, NULL, 0);
      append_label (snapshot, layout, &white, pill.origin.x + 7, pill.origin.y + 1);
    }
  else
    {
      append_round (snapshot, &pill, pill.size.height / 2, bg, accent, 1.5f);
      append_label (snapshot, layout, accent, pill.origin.x + 7, pill.origin.y + 1);
    }
}

/* --------------------------------------------------------------- callbacks */

static void
dataset_changed (AtlasTimeline *self)
{
  AtlasDataset *dataset = self->context != NULL ? atlas_context_get_dataset (self->context) : NULL;
  g_autoptr(AtlasSource) source = NULL;

  g_set_object (&self->dataset, dataset);

  g_clear_pointer (&self->slots, g_free);
  self->n_slots = dataset != NULL ? atlas_dataset_get_n_events (dataset) : 0;
  self->slots = g_new (guint, MAX (self->n_slots, 1));
  for (guint i = 0; i < self->n_slots; i++)
    self->slots[i] = NONE_INDEX;
  g_array_set_size (self->laid, 0);
  self->hovered = NULL;

  self->range_from = self->range_to = ATLAS_TIME_NONE;
  self->reported = ATLAS_TIME_NONE;
  if (dataset != NULL)
    {
      GListModel *sources = atlas_dataset_get_sources (dataset);

      if (!atlas_dataset_get_time_range (dataset, &self->range_from, &self->range_to))
        self->range_from = self->range_to = ATLAS_TIME_NONE;
      if (g_list_model_get_n_items (sources) > 0)
        {
          source = g_list_model_get_item (sources, 0);
          self->reported = atlas_source_get_published_time (source);
        }
    }
  self->origin = self->range_from != ATLAS_TIME_NONE ? self->range_from : 0;

  rebuild_all_items (self);
  find_focus (self);
  rebuild_items (self);
  update_selected (self);

  /* opens on where most events are; Ctrl+0 (frame-all) shows them all */
  {
    gint64 from, to;

    focus_range (self, &from, &to);
    self->framed_all = TRUE;
    self->framed_focus = TRUE;
    apply_range (self, from, to);
  }
  update_accessible_value (self);
}

static void
context_dataset_notify_cb (AtlasTimeline *self)
{
  dataset_changed (self);
}

static void
filter_changed_cb (AtlasTimeline *self)
{
  rebuild_items (self);
  self->hovered = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
visible_changed_cb (AtlasTimeline *self)
{
  update_accessible_value (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
selection_changed_cb (AtlasTimeline *self)
{
  update_selected (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dark_changed_cb (AtlasTimeline   *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *style_manager)
{
  self->dark = adw_style_manager_get_dark (style_manager);
  update_colors (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
click_pressed_cb (AtlasTimeline *self,
                  int            n_press,
                  double         x,
                  double         y)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  /* a double click on empty space clears the time window */
  if (n_press == 2 && y < self->frame.axis_top && atlas_timeline_get_event_at (self, x, y) == NULL)
    clear_time_window (self);
}

static void
click_released_cb (AtlasTimeline *self,
                   int            n_press,
                   double         x,
                   double         y,
                   GtkGesture    *gesture)
{
  GdkModifierType state;

  if (n_press != 1 || self->drag_mode == DRAG_BRUSH || self->drag_mode == DRAG_PLAYHEAD)
    return;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  if (state & GDK_SHIFT_MASK)
    return;

  atlas_timeline_click_at (self, x, y, state);
}

static void
drag_begin_cb (AtlasTimeline  *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  update_frame (self);
  self->drag_start_x = self->drag_last_x = x;

  if (state & GDK_SHIFT_MASK)
    {
      self->drag_mode = DRAG_BRUSH;
      self->brush_from = self->brush_to = atlas_timescale_x_to_time (&self->scale, x);
    }
  else if (self->context != NULL && (y >= self->frame.axis_top || playhead_is_near (self, x)))
    {
      self->drag_mode = DRAG_PLAYHEAD;
      set_playhead (self, atlas_timescale_x_to_time (&self->scale, x));
    }
  else
    self->drag_mode = DRAG_PAN;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_update_cb (AtlasTimeline  *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  double x = self->drag_start_x + offset_x;

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      user_pan (self, self->drag_last_x - x);
      break;
    case DRAG_PLAYHEAD:
      set_playhead (self, atlas_timescale_x_to_time (&self->scale, CLAMP (x, 0, self->frame.width)));
      break;
    case DRAG_BRUSH:
      self->brush_to = atlas_timescale_x_to_time (&self->scale, x);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case DRAG_NONE:
    default:
      break;
    }

  self->drag_last_x = x;
}

static void
drag_end_cb (AtlasTimeline  *self,
             double          offset_x,
             double          offset_y,
             GtkGestureDrag *gesture)
{
  DragMode mode = self->drag_mode;

  self->drag_mode = DRAG_NONE;

  if (mode == DRAG_BRUSH && self->filter != NULL)
    {
      gint64 from = MIN (self->brush_from, self->brush_to);
      gint64 to = MAX (self->brush_from, self->brush_to);

      /* a shift-click without a drag leaves the window alone */
      if (atlas_timescale_length (&self->scale, to - from) >= 3)
        atlas_filter_set_time_window (self->filter, from, to);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_begin_cb (AtlasTimeline *self)
{
  self->zoom_begin_usec_per_px = self->scale.usec_per_px;
}

static void
zoom_scale_changed_cb (AtlasTimeline  *self,
                       double          scale,
                       GtkGestureZoom *gesture)
{
  double cx, cy;

  if (scale <= 0 || self->zoom_begin_usec_per_px <= 0)
    return;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;

  user_zoom (self, self->scale.usec_per_px / (self->zoom_begin_usec_per_px / scale), cx);
}

static gboolean
scroll_cb (AtlasTimeline            *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  if (state & GDK_CONTROL_MASK)
    user_zoom (self, wheel ? pow (1.25, -dy) : exp (-dy * 0.01), self->pointer_x);
  else
    user_pan (self, (dx + dy) * (wheel ? 60 : 1));

  return TRUE;
}

static void
motion_cb (AtlasTimeline *self,
           double         x,
           double         y)
{
  AtlasEvent *hovered;

  self->pointer_x = x;
  hovered = atlas_timeline_get_event_at (self, x, y);
  if (hovered != self->hovered)
    {
      self->hovered = hovered;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (AtlasTimeline *self)
{
  self->pointer_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  if (self->hovered != NULL)
    {
      self->hovered = NULL;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* ----------------------------------------------------------------- actions */

static void
move_playhead_to (AtlasTimeline *self,
                  gint64         playhead)
{
  set_playhead (self, playhead);
  ensure_time_visible (self, playhead);
}

static void
step_playhead_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);
  AtlasTickStep step = atlas_timescale_choose_step (&self->scale, TICK_MIN_PX);
  int n = g_variant_get_int32 (parameter);
  gint64 playhead = current_playhead (self);
  gint64 floor = atlas_tick_step_floor (step, playhead);

  if (g_str_equal (action_name, "timeline.step-day"))
    {
      step = (AtlasTickStep) { ATLAS_PRECISION_DAY, 1 };
      floor = atlas_tick_step_floor (step, playhead);
    }

  if (n > 0)
    playhead = atlas_tick_step_add (step, floor, n);
  else if (floor < playhead)
    playhead = atlas_tick_step_add (step, floor, n + 1);
  else
    playhead = atlas_tick_step_add (step, floor, n);

  move_playhead_to (self, playhead);
}

static void
playhead_home_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);

  if (self->range_from == ATLAS_TIME_NONE)
    return;

  move_playhead_to (self, g_str_equal (action_name, "timeline.playhead-end") ? self->range_to
                                                                               : self->range_from);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  gint64 playhead = self->context != NULL ? atlas_context_get_playhead (self->context) : ATLAS_TIME_NONE;
  double anchor = width / 2.0;
  double factor = g_str_equal (action_name, "timeline.zoom-in") ? 1.5 : 1 / 1.5;

  /* zoom around the playhead when it is in view */
  if (playhead != ATLAS_TIME_NONE)
    {
      double x = atlas_timescale_time_to_x (&self->scale, playhead);

      if (x >= 0 && x <= width)
        anchor = x;
    }

  user_zoom (self, factor, anchor);
}

static void
frame_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  atlas_timeline_frame_all (ATLAS_TIMELINE (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  user_pan (ATLAS_TIMELINE (widget), g_variant_get_int32 (parameter) * gtk_widget_get_width (widget) / 2.0);
}

static void
clear_window_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  clear_time_window (ATLAS_TIMELINE (widget));
}

/* Selects the latest visible event that started at or before the playhead. */
static void
select_at_playhead_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);
  gint64 playhead = current_playhead (self);
  const Item *best = NULL;

  if (self->selection == NULL)
    return;

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = matching_at (self, i);

      if (item->from > playhead || !item_is_visible (self, item))
        continue;
      if (best == NULL || item->from > best->from
          || (item->from == best->from
              && atlas_event_get_index (item->event) < atlas_event_get_index (best->event)))
        best = item;
    }

  if (best != NULL)
    atlas_selection_select_event (self->selection, best->event);
}

/* --------------------------------------------------------------- overrides */

/* The axis, the histogram (or per-column density) and the marks in the lanes */
static void
draw_marks (AtlasTimeline *self,
            GtkSnapshot   *snapshot,
            PangoLayout   *layout,
            const GdkRGBA *fg)
{
  const Frame *f = &self->frame;

  draw_axis (self, snapshot, layout, fg);
  draw_histogram_and_density (self, snapshot, fg);

  if (!f->dense)
    {
      /* ghosts first, then visible events, then the selection on top */
      for (int pass = 0; pass < 2; pass++)
        for (guint i = f->first; i < f->last; i++)
          {
            const Item *item = item_at (self, i);
            gboolean visible = item_is_visible (self, item);

            if (visible != (pass == 1) || !item_in_lanes (self, item))
              continue;
            draw_item (self, snapshot, item, visible ? 1.f : GHOST_ALPHA);
          }

      if (titles_drawn (self))
        draw_titles (self, snapshot, layout, fg);
    }
}

static void
atlas_timeline_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);
  const Frame *f = &self->frame;
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  GdkRGBA fg, accent, bg, selection_color;
  gint64 window_from, window_to;
  AtlasEvent *hovered = self->hovered;

  update_frame (self);
  if (f->width <= 0 || f->height <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  lookup_color (widget, "accent_color", self->dark ? 0x78aeed : 0x1c71d8, &accent);
  lookup_color (widget, "view_bg_color", self->dark ? 0x1e1e1e : 0xffffff, &bg);
  atlas_palette_selection_color (self->dark, &selection_color);

  layout = gtk_widget_create_pango_layout (widget, NULL);
  font = pango_font_description_copy (pango_context_get_font_description (pango_layout_get_context (layout)));
  pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) * 0.82));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }

  /* the time window as a shaded band */
  get_time_window (self, &window_from, &window_to);
  if (window_from != ATLAS_TIME_NONE || window_to != ATLAS_TIME_NONE)
    {
      double x0 = window_from != ATLAS_TIME_NONE ? atlas_timescale_time_to_x (&self->scale, window_from) : -1;
      double x1 = window_to != ATLAS_TIME_NONE ? atlas_timescale_time_to_x (&self->scale, window_to) : f->width + 1;
      GdkRGBA band = with_alpha (&accent, 0.12f);
      GdkRGBA edge = with_alpha (&accent, 0.7f);

      x0 = CLAMP (x0, -1, f->width + 1);
      x1 = CLAMP (x1, -1, f->width + 1);
      append_rect (snapshot, &band, x0, 0, x1 - x0, f->axis_top);
      append_rect (snapshot, &edge, x0, 0, 1, f->axis_top);
      append_rect (snapshot, &edge, x1 - 1, 0, 1, f->axis_top);
    }

  /* after the playhead, in "up to the playhead" mode: not on the map */
  if (self->context != NULL && atlas_context_get_up_to_playhead (self->context)
      && atlas_context_get_playhead (self->context) != ATLAS_TIME_NONE)
    {
      double x = atlas_timescale_time_to_x (&self->scale, atlas_context_get_playhead (self->context));
      GdkRGBA veil = with_alpha (&fg, 0.045f);

      if (x < f->width)
        append_rect (snapshot, &veil, MAX (x, 0), 0, f->width - MAX (x, 0), f->axis_top);
    }

  /* axis, histogram and marks cost O(events in view): drawn again only when what
   * they show changed, so that moving the playhead or the pointer redraws the
   * rest over the same node */
  {
    MarksKey key = { 0 };

    key.generation = self->items_generation;
    key.usec_per_px = self->scale.usec_per_px;
    key.base = f->base;
    key.width = f->width;
    key.height = f->height;
    key.playhead = ATLAS_TIME_NONE;
    if (self->context != NULL && atlas_context_get_up_to_playhead (self->context))
      key.playhead = atlas_context_get_playhead (self->context);
    key.fg = fg;
    key.dark = self->dark;
    key.valid = TRUE;

    if (memcmp (&key, &self->marks_key, sizeof key) != 0)
      {
        GtkSnapshot *marks = gtk_snapshot_new ();

        draw_marks (self, marks, layout, &fg);
        g_clear_pointer (&self->marks_node, gsk_render_node_unref);
        self->marks_node = gtk_snapshot_free_to_node (marks);
        self->marks_key = key;
      }
    if (self->marks_node != NULL)
      gtk_snapshot_append_node (snapshot, self->marks_node);
  }

  for (guint s = 0; s < self->selected->len; s++)
    {
      guint index = g_array_index (self->selected, guint, s);
      const Item *item;

      /* dense: no marks of their own, and the lanes may not be laid out */
      if (f->dense || index >= self->n_slots || self->slots[index] == NONE_INDEX)
        continue;
      item = item_at (self, self->slots[index]);
      if (item->px1 + f->base < -4 || item->px0 + f->base > f->width + 4)
        continue;

      if (!item_in_lanes (self, item))
        {
          /* a lane that does not fit: its span on the density strip, and its title */
          graphene_rect_t r;
          double x0 = item->px0 + f->base, x1 = MAX (item->px1 + f->base, x0 + 2);

          if (f->overflow_top < 0)
            continue;
          r = GRAPHENE_RECT_INIT (x0 - 1, f->overflow_top - 1, x1 - x0 + 2, OVERFLOW_H + 2);
          append_round (snapshot, &r, 2, NULL, &selection_color, 2);
          if (s < SELECTED_TITLES_MAX)
            draw_selected_title (self, snapshot, layout, item, &r, &fg, &selection_color);
          continue;
        }

      draw_item (self, snapshot, item, 1.f);
      draw_highlight (self, snapshot, item, &selection_color, 2.f);
      if (s < SELECTED_TITLES_MAX && !titles_drawn (self))
        {
          graphene_rect_t r;

          item_rect (self, item, &r);
          draw_selected_title (self, snapshot, layout, item, &r, &fg, &selection_color);
        }
    }

  if (hovered != NULL && !f->dense && atlas_event_get_index (hovered) < self->n_slots
      && self->slots[atlas_event_get_index (hovered)] != NONE_INDEX)
    {
      const Item *item = item_at (self, self->slots[atlas_event_get_index (hovered)]);

      if (item_in_lanes (self, item))
        {
          GdkRGBA ring = with_alpha (&fg, 0.6f);

          draw_highlight (self, snapshot, item, &ring, 1.f);
        }
    }

  draw_reported (self, snapshot, layout, &fg, &bg);
  if (self->context != NULL)
    draw_playhead (self, snapshot, layout, &accent, &bg);

  if (gtk_widget_has_visible_focus (widget))
    {
      graphene_rect_t r = GRAPHENE_RECT_INIT (1, 1, f->width - 2, f->height - 2);
      GdkRGBA ring = with_alpha (&accent, 0.5f);

      append_round (snapshot, &r, 6, NULL, &ring, 2);
    }
}

static void
atlas_timeline_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      *minimum = 120;
      *natural = 190;
    }
}

static void
atlas_timeline_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  AtlasTimeline *self = ATLAS_TIMELINE (widget);

  if (self->has_pending)
    {
      self->has_pending = FALSE;
      atlas_timescale_set_range (&self->scale, self->pending_from, self->pending_to, width);
    }
  else if (self->framed_all)
    {
      gint64 from, to;

      if (self->framed_focus)
        focus_range (self, &from, &to);
      else
        frame_range (self, &from, &to);
      atlas_timescale_set_range (&self->scale, from, to, width);
    }
}

/* The tooltip at @x, @y, or NULL: an event's title (plain text, on its own
 * line) and date, or how many events are hidden there */
char *
atlas_timeline_dup_tooltip_at (AtlasTimeline *self,
                               double         x,
                               double         y)
{
  const Frame *f;
  AtlasEvent *event;

  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), NULL);

  f = &self->frame;
  event = atlas_timeline_get_event_at (self, x, y);
  if (event != NULL)
    {
      g_autofree char *date = atlas_event_format_date (event);
      AtlasActor *attributed = atlas_event_get_attributed_to (event);

      if (attributed != NULL)
        /* Translators: timeline tooltip: event title, its date, and who the
         * source attributes it to */
        return g_strdup_printf (_("%s\n%s\nAccording to %s"), atlas_event_get_title (event), date,
                                atlas_actor_get_display_name (attributed));

      return g_strdup_printf ("%s\n%s", atlas_event_get_title (event), date);
    }

  if (!f->dense && f->overflow_top >= 0 && y >= f->overflow_top - 1 && y <= f->overflow_top + OVERFLOW_H + 1)
    {
      guint n = 0;

      for (guint i = f->first; i < f->last; i++)
        {
          const Item *item = item_at (self, i);

          if (!item_in_lanes (self, item)
              && item->px0 + f->base <= x + HIT_SLOP && item->px1 + f->base >= x - HIT_SLOP)
            n++;
        }

      if (n > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u more event here: zoom in or make the timeline taller",
                                             "%u more events here: zoom in or make the timeline taller",
                                             n),
                                n);
    }

  return NULL;
}

static gboolean
atlas_timeline_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard_mode)
    return FALSE;

  text = atlas_timeline_dup_tooltip_at (ATLAS_TIMELINE (widget), x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
atlas_timeline_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AtlasTimeline *self = ATLAS_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_timeline_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AtlasTimeline *self = ATLAS_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      atlas_timeline_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atlas_timeline_dispose (GObject *object)
{
  AtlasTimeline *self = ATLAS_TIMELINE (object);

  atlas_timeline_set_context (self, NULL);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATLAS_TYPE_TIMELINE);

  G_OBJECT_CLASS (atlas_timeline_parent_class)->dispose (object);
}

static void
atlas_timeline_finalize (GObject *object)
{
  AtlasTimeline *self = ATLAS_TIMELINE (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->laid, g_array_unref);
  g_clear_pointer (&self->all_items, g_array_unref);
  g_clear_pointer (&self->count_classes, g_array_unref);
  g_clear_pointer (&self->slots, g_free);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->category_colors, g_array_unref);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->context_labels, g_array_unref);
  g_clear_pointer (&self->bins_all, g_free);
  g_clear_pointer (&self->marks_node, gsk_render_node_unref);
  g_clear_pointer (&self->bins_visible, g_free);
  g_clear_pointer (&self->bins_overflow, g_free);

  G_OBJECT_CLASS (atlas_timeline_parent_class)->finalize (object);
}

static void
atlas_timeline_class_init (AtlasTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = atlas_timeline_get_property;
  object_class->set_property = atlas_timeline_set_property;
  object_class->dispose = atlas_timeline_dispose;
  object_class->finalize = atlas_timeline_finalize;

  widget_class->snapshot = atlas_timeline_snapshot;
  widget_class->measure = atlas_timeline_measure;
  widget_class->size_allocate = atlas_timeline_size_allocate;
  widget_class->query_tooltip = atlas_timeline_query_tooltip;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         ATLAS_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eventatlas/EventAtlas/atlas-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeline, click_gesture);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeline, drag_gesture);
  gtk_widget_class_bind_template_child (widget_class, AtlasTimeline, zoom_gesture);
  gtk_widget_class_bind_template_callback (widget_class, click_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, click_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_scale_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scroll_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_cb);

  gtk_widget_class_install_action (widget_class, "timeline.step", "i", step_playhead_action);
  gtk_widget_class_install_action (widget_class, "timeline.step-day", "i", step_playhead_action);
  gtk_widget_class_install_action (widget_class, "timeline.playhead-start", NULL, playhead_home_action);
  gtk_widget_class_install_action (widget_class, "timeline.playhead-end", NULL, playhead_home_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.frame-all", NULL, frame_all_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan", "i", pan_action);
  gtk_widget_class_install_action (widget_class, "timeline.clear-window", NULL, clear_window_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-at-playhead", NULL,
                                   select_at_playhead_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "timeline.step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "timeline.step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "timeline.step-day", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "timeline.step-day", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.playhead-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "timeline.playhead-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "timeline.playhead-end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "timeline.playhead-end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.frame-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "timeline.pan", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "timeline.pan", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "timeline.clear-window", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.select-at-playhead", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.select-at-playhead", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.select-at-playhead", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
atlas_timeline_init (AtlasTimeline *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Time runs left to right in every language: a right-to-left interface mirrors the
   * window around the timeline, never the axis (nor its keys: Left is earlier). */
  gtk_widget_set_direction (GTK_WIDGET (self), GTK_TEXT_DIR_LTR);

  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  self->laid = g_array_new (FALSE, TRUE, sizeof (Item));
  self->layout_window_min = LAYOUT_WINDOW_MIN;
  self->all_items = g_array_new (FALSE, TRUE, sizeof (Item));
  self->count_classes = g_array_new (FALSE, TRUE, sizeof (CountClass));
  g_array_set_clear_func (self->count_classes, count_class_clear);
  self->counts_valid = TRUE;
  self->categories = g_ptr_array_new ();
  g_ptr_array_add (self->categories, NULL);
  self->category_colors = g_array_new (FALSE, TRUE, sizeof (GdkRGBA));
  self->selected = g_array_new (FALSE, FALSE, sizeof (guint));
  self->context_labels = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->slots = g_new (guint, 1);
  self->range_from = self->range_to = ATLAS_TIME_NONE;
  self->reported = ATLAS_TIME_NONE;
  self->focus_from = self->focus_to = ATLAS_TIME_NONE;
  self->framed_all = TRUE;
  self->layout_dirty = TRUE;
  self->frame.overflow_top = -1;

  frame_range (self, &self->pending_from, &self->pending_to);
  atlas_timescale_set_range (&self->scale, self->pending_from, self->pending_to, 600);

  self->dark = adw_style_manager_get_dark (style_manager);
  update_colors (self);
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* ---------------------------------------------------------------- public */

GtkWidget *
atlas_timeline_new (void)
{
  return g_object_new (ATLAS_TYPE_TIMELINE, NULL);
}

AtlasContext *
atlas_timeline_get_context (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), NULL);

  return self->context;
}

void
atlas_timeline_set_context (AtlasTimeline *self,
                            AtlasContext  *context)
{
  const AtlasViewHandler handlers[] = {
    { ATLAS_VIEW_ON_CONTEXT, "notify::dataset", G_CALLBACK (context_dataset_notify_cb) },
    { ATLAS_VIEW_ON_CONTEXT, "visible-changed", G_CALLBACK (visible_changed_cb) },
    { ATLAS_VIEW_ON_CONTEXT, "notify::playhead", G_CALLBACK (visible_changed_cb) },
    { ATLAS_VIEW_ON_CONTEXT, "notify::up-to-playhead", G_CALLBACK (visible_changed_cb) },
    { ATLAS_VIEW_ON_FILTER, "changed", G_CALLBACK (filter_changed_cb) },
    { ATLAS_VIEW_ON_SELECTION, "changed", G_CALLBACK (selection_changed_cb) },
  };

  g_return_if_fail (ATLAS_IS_TIMELINE (self));
  g_return_if_fail (context == NULL || ATLAS_IS_CONTEXT (context));

  if (!atlas_view_context_swap (self, &self->context, context, handlers,
                                G_N_ELEMENTS (handlers)))
    return;
  self->filter = context != NULL ? atlas_context_get_filter (context) : NULL;
  self->selection = context != NULL ? atlas_context_get_selection (context) : NULL;

  dataset_changed (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
atlas_timeline_zoom_to_range (AtlasTimeline *self,
                              gint64         from,
                              gint64         to)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));
  g_return_if_fail (from != ATLAS_TIME_NONE && to != ATLAS_TIME_NONE);

  self->framed_all = FALSE;
  apply_range (self, MIN (from, to), MAX (from, to));
}

void
atlas_timeline_frame_all (AtlasTimeline *self)
{
  gint64 from, to;

  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  frame_range (self, &from, &to);
  self->framed_all = TRUE;
  self->framed_focus = FALSE;
  apply_range (self, from, to);
}

double
atlas_timeline_time_to_x (AtlasTimeline *self,
                          gint64         time)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), 0.0);

  return atlas_timescale_time_to_x (&self->scale, time);
}

gint64
atlas_timeline_x_to_time (AtlasTimeline *self,
                          double         x)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), 0);

  return atlas_timescale_x_to_time (&self->scale, x);
}

AtlasEvent *
atlas_timeline_get_event_at (AtlasTimeline *self,
                             double         x,
                             double         y)
{
  const Item *item;

  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), NULL);

  item = find_item_at (self, x, y);
  return item != NULL ? item->event : NULL;
}

gboolean
atlas_timeline_get_event_position (AtlasTimeline *self,
                                   AtlasEvent    *event,
                                   double        *x,
                                   double        *y)
{
  const Item *item;
  graphene_rect_t r;
  guint index;
  double x0, x1;

  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_EVENT (event), FALSE);

  update_frame (self);

  index = atlas_event_get_index (event);
  if (self->frame.dense || index >= self->n_slots || self->slots[index] == NONE_INDEX)
    return FALSE;

  item = item_at (self, self->slots[index]);
  if (!item_in_lanes (self, item))
    return FALSE;

  item_rect (self, item, &r);
  x0 = MAX (r.origin.x, 0);
  x1 = MIN (r.origin.x + r.size.width, self->frame.width);
  if (x1 < x0)
    return FALSE;

  if (x != NULL)
    *x = (x0 + x1) / 2;
  if (y != NULL)
    *y = r.origin.y + r.size.height / 2;

  return TRUE;
}

guint
atlas_timeline_get_n_drawn (AtlasTimeline *self)
{
  guint n = 0;

  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    if (item_is_visible (self, matching_at (self, i)))
      n++;

  return n;
}

gboolean
atlas_timeline_get_histogram_visible (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), FALSE);

  update_frame (self);
  return self->frame.hist_h > 0;
}

void
atlas_timeline_click_at (AtlasTimeline   *self,
                         double           x,
                         double           y,
                         GdkModifierType  state)
{
  AtlasEvent *event;

  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  if (self->selection == NULL)
    return;

  update_frame (self);
  /* the ruler belongs to the playhead */
  if (y >= self->frame.axis_top)
    return;

  event = atlas_timeline_get_event_at (self, x, y);
  if (event == NULL)
    atlas_selection_clear (self->selection);
  else if (state & GDK_CONTROL_MASK)
    atlas_selection_toggle_event (self->selection, event);
  else
    atlas_selection_select_event (self->selection, event);
}

guint
atlas_timeline_count_columns (AtlasTimeline *self,
                              gboolean       one_by_one,
                              GArray        *all,
                              GArray        *visible)
{
  double width, base;
  guint n_columns, n_touching;
  guint *a, *v;

  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), 0);
  g_return_val_if_fail (all != NULL && visible != NULL, 0);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  base = atlas_timescale_time_to_x (&self->scale, self->origin);
  n_columns = (guint) ceil (width / HIST_BIN) + 2;
  g_array_set_size (all, 0);
  g_array_set_size (visible, 0);
  g_array_set_size (all, n_columns);
  g_array_set_size (visible, n_columns);
  a = (guint *) (void *) all->data;
  v = (guint *) (void *) visible->data;
  memset (a, 0, n_columns * sizeof (guint));
  memset (v, 0, n_columns * sizeof (guint));
  if (width <= 0)
    return 0;

  if (one_by_one || !self->counts_valid)
    n_touching = count_columns_one_by_one (self, base, width, a, v);
  else
    n_touching = count_columns (self, base, width, a, v);

  for (guint b = 1; b < n_columns; b++)
    {
      a[b] += a[b - 1];
      v[b] += v[b - 1];
    }

  return n_touching;
}

void
atlas_timeline_set_layout_window_min (AtlasTimeline *self,
                                      guint          n_events)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  self->layout_window_min = n_events;
  self->layout_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
atlas_timeline_get_event_lane (AtlasTimeline *self,
                               AtlasEvent    *event,
                               guint         *lane)
{
  guint index;

  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (ATLAS_IS_EVENT (event), FALSE);
  g_return_val_if_fail (lane != NULL, FALSE);

  update_frame (self);
  index = atlas_event_get_index (event);
  if (self->frame.dense || index >= self->n_slots || self->slots[index] == NONE_INDEX)
    return FALSE;

  *lane = item_at (self, self->slots[index])->lane;
  return TRUE;
}

guint
atlas_timeline_get_n_laid_out (AtlasTimeline *self)
{
  g_return_val_if_fail (ATLAS_IS_TIMELINE (self), 0);

  update_frame (self);
  return self->frame.dense ? 0 : self->laid->len;
}

void
atlas_timeline_set_layout_by_sorting (AtlasTimeline *self,
                                      gboolean       by_sorting)
{
  g_return_if_fail (ATLAS_IS_TIMELINE (self));

  self->layout_by_sorting = !!by_sorting;
  self->layout_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
