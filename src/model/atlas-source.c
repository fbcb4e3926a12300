/* atlas-source.c — a document events are taken from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <string.h>

#include "atlas-source-private.h"
#include "atlas-time.h"

/* One checkpoint every CHECKPOINT_STRIDE characters makes char_to_byte O(stride). */
#define CHECKPOINT_STRIDE 256

struct _AtlasSource
{
  GObject  parent_instance;

  char    *id;
  char    *title;
  char    *publisher;
  char    *dateline;
  char    *published;
  char    *url;
  char    *text;
  gsize    text_length;
  gsize    text_bytes;
  gsize   *checkpoints;
  gsize    n_checkpoints;
  gint64   published_time;
  GArray  *uncited;   /* of Uncited, or NULL */
};

/* A passage of the text the dataset leaves uncited on purpose, and why. */
typedef struct {
  char   *text;
  char   *reason;
  gint64  offset;
} Uncited;

G_DEFINE_FINAL_TYPE (AtlasSource, atlas_source, G_TYPE_OBJECT)

static void
atlas_source_finalize (GObject *object)
{
  AtlasSource *self = (AtlasSource *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->publisher);
  g_free (self->dateline);
  g_free (self->published);
  g_free (self->url);
  g_free (self->text);
  g_free (self->checkpoints);
  g_clear_pointer (&self->uncited, g_array_unref);

  G_OBJECT_CLASS (atlas_source_parent_class)->finalize (object);
}

static void
atlas_source_class_init (AtlasSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atlas_source_finalize;
}

static void
atlas_source_init (AtlasSource *self)
{
  self->published_time = ATLAS_TIME_NONE;
}

static void
index_text (AtlasSource *self)
{
  const char *p = self->text;
  const char *end = self->text + self->text_bytes;
  gsize n = 0;
  GArray *checkpoints = g_array_new (FALSE, FALSE, sizeof (gsize));

  while (p < end)
    {
      if (n % CHECKPOINT_STRIDE == 0)
        {
          gsize pos = (gsize) (p - self->text);
          g_array_append_val (checkpoints, pos);
        }
      p = g_utf8_next_char (p);
      n++;
    }

  self->text_length = n;
  self->n_checkpoints = checkpoints->len;
  self->checkpoints = (gsize *) (void *) g_array_free (checkpoints, FALSE);
}

AtlasSource *
atlas_source_new (const char *id,
                  const char *title,
                  const char *publisher,
                  const char *dateline,
                  const char *published,
                  gint64      published_time,
                  const char *url,
                  const char *text)
{
  AtlasSource *self = g_object_new (ATLAS_TYPE_SOURCE, NULL);

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->publisher = g_strdup (publisher);
  self->dateline = g_strdup (dateline);
  self->published = g_strdup (published);
  self->published_time = published_time;
  self->url = g_strdup (url);

  if (text != NULL)
    {
      self->text = g_strdup (text);
      self->text_bytes = strlen (text);
      index_text (self);
    }

  return self;
}

const char *
atlas_source_get_id (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);
  return self->id;
}

const char *
atlas_source_get_title (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);
  return self->title;
}

const char *
atlas_source_get_publisher (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);
  return self->publisher;
}

const char *
atlas_source_get_dateline (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);
  return self->dateline;
}

const char *
atlas_source_get_published (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);
  return self->published;
}

gint64
atlas_source_get_published_time (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), ATLAS_TIME_NONE);
  return self->published_time;
}

const char *
atlas_source_get_url (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);
  return self->url;
}

const char *
atlas_source_get_text (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);
  return self->text;
}

gsize
atlas_source_get_text_length (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), 0);
  return self->text_length;
}

gssize
atlas_source_char_to_byte (AtlasSource *self,
                           gsize        offset)
{
  const char *p;
  gsize n;

  g_return_val_if_fail (ATLAS_IS_SOURCE (self), -1);

  if (self->text == NULL || offset > self->text_length)
    return -1;
  if (offset == self->text_length)
    return (gssize) self->text_bytes;

  n = offset / CHECKPOINT_STRIDE;
  p = self->text + self->checkpoints[n];
  for (n = n * CHECKPOINT_STRIDE; n < offset; n++)
    p = g_utf8_next_char (p);

  return (gssize) (p - self->text);
}

static void
uncited_clear (Uncited *uncited)
{
  g_free (uncited->text);
  g_free (uncited->reason);
}

void
atlas_source_add_uncited (AtlasSource *self,
                          const char  *text,
                          const char  *reason,
                          gint64       offset)
{
  Uncited uncited;

  g_return_if_fail (ATLAS_IS_SOURCE (self));
  g_return_if_fail (text != NULL);

  if (self->uncited == NULL)
    {
      self->uncited = g_array_new (FALSE, FALSE, sizeof (Uncited));
      g_array_set_clear_func (self->uncited, (GDestroyNotify) uncited_clear);
    }

  uncited.text = g_strdup (text);
  uncited.reason = g_strdup (reason);
  uncited.offset = offset;
  g_array_append_val (self->uncited, uncited);
}

guint
atlas_source_get_n_uncited (AtlasSource *self)
{
  g_return_val_if_fail (ATLAS_IS_SOURCE (self), 0);

  return self->uncited != NULL ? self->uncited->len : 0;
}

const char *
atlas_source_get_uncited (AtlasSource  *self,
                          guint         i,
                          const char  **reason,
                          gint64       *offset)
{
  const Uncited *uncited;

  g_return_val_if_fail (ATLAS_IS_SOURCE (self), NULL);
  g_return_val_if_fail (i < atlas_source_get_n_uncited (self), NULL);

  uncited = &g_array_index (self->uncited, Uncited, i);
  if (reason != NULL)
    *reason = uncited->reason;
  if (offset != NULL)
    *offset = uncited->offset;

  return uncited->text;
}
