//! Allocator settings for a build, in which a few threads allocate and free
//! a whole site's pages at once.

/// Asks glibc's allocator to grow its heap 64 MB at a time and to keep up
/// to 256 MB it has freed, instead of growing and trimming it in small
/// steps (page faults and mprotect calls) while thousands of pages are
/// made: 4.7% of the build's time at 10,000 articles (benches/peers.sh).
/// Other platforms' allocators are left as they are.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called first
    // thing in main, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}
