/* test-password.c — argon2id hashes, the minimum length, NFC-insensitive checks, and that
 * checking against no hash costs as much time as a real check. */
#include <string.h>

#include "toa-error.h"
#include "toa-password.h"

static void
test_hash_and_verify (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = toa_password_hash ("toasoan2026", &error);
  g_autofree char *again = toa_password_hash ("toasoan2026", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$"));
  g_assert_cmpstr (hash, !=, again);   /* a fresh salt each time */
  g_assert_true (toa_password_verify (hash, "toasoan2026"));
  g_assert_true (toa_password_verify (again, "toasoan2026"));
  g_assert_false (toa_password_verify (hash, "toasoan2025"));
  g_assert_false (toa_password_verify (hash, "toasoan2026 "));
  g_assert_false (toa_password_verify (hash, ""));
  g_assert_false (toa_password_verify (hash, NULL));
  g_assert_false (toa_password_verify ("not a hash", "toasoan2026"));
}

static void
test_too_short (void)
{
  static const char * const bad[] = { "", "1234567", "mậtkhẩu" /* 7 letters, 10 bytes */ };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hash = toa_password_hash (bad[i], &error);

      g_assert_null (hash);
      g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *hash = toa_password_hash (NULL, &error);

    g_assert_null (hash);
    g_assert_error (error, TOA_ERROR, TOA_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *hash = toa_password_hash ("mậtkhẩu1", &error);   /* 8 characters */

    g_assert_no_error (error);
    g_assert_true (toa_password_verify (hash, "mậtkhẩu1"));
  }
}

static void
test_nfc_insensitive (void)
{
  g_autoptr(GError) error = NULL;
  /* "Hòa bình 2026" precomposed, checked with o + U+0300 and i + U+0300 */
  g_autofree char *hash = toa_password_hash ("H\xc3\xb2" "a b\xc3\xacnh 2026", &error);

  g_assert_no_error (error);
  g_assert_true (toa_password_verify (hash, "Ho\xcc\x80" "a bi\xcc\x80nh 2026"));
  g_assert_false (toa_password_verify (hash, "Hoa binh 2026"));
}

static gint64
time_verify (const char *hash, const char *password)
{
  gint64 best = G_MAXINT64;

  for (int i = 0; i < 3; i++)
    {
      gint64 start = g_get_monotonic_time ();

      toa_password_verify (hash, password);
      best = MIN (best, g_get_monotonic_time () - start);
    }
  return best;
}

static void
test_no_hash_costs_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = toa_password_hash ("toasoan2026", &error);
  gint64 real, none;

  g_assert_no_error (error);
  g_assert_false (toa_password_verify (NULL, "toasoan2026"));
  g_assert_false (toa_password_verify (NULL, NULL));

  real = time_verify (hash, "wrong password");
  none = time_verify (NULL, "wrong password");
  g_test_message ("verify: %" G_GINT64_FORMAT " µs with a hash, %" G_GINT64_FORMAT " µs without",
                  real, none);
  /* the same work: allow a wide margin for a busy machine, but not an instant answer */
  g_assert_cmpint (none * 3, >, real);
  g_assert_cmpint (real, >, 1000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/password/hash-and-verify", test_hash_and_verify);
  g_test_add_func ("/password/too-short", test_too_short);
  g_test_add_func ("/password/nfc", test_nfc_insensitive);
  g_test_add_func ("/password/no-hash-costs-time", test_no_hash_costs_time);

  return g_test_run ();
}
