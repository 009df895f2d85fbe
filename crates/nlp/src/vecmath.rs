//! Small dense kernels for the LSTM parser: dot products, `y += a·x`, matrix-vector products
//! and the gate nonlinearities.
//!
//! The build targets baseline x86-64, so wider instructions are chosen at run time: on a
//! processor with AVX2 and FMA the kernels use them, elsewhere the plain loops (same results
//! up to rounding).
//!
//! Weight matrices are integers scaled per output row: [`QMatrix`] in 16 bits, [`Q8Matrix`] in
//! 8 (the recurrent ones, small enough to stay in the L1 cache). Their AVX-512 VNNI kernels
//! give the AVX2 kernels' results bit for bit: the integer sums are exact and are turned into
//! floats at the same points. They are kept in [`Aligned`] storage, so no 512-bit load
//! straddles two cache lines.
//!
//! The nonlinearities use our own exp (range reduction and a polynomial, relative error ~1e-7)
//! because the library's scalar `exp`/`tanh` calls cannot be vectorised and dominated the
//! parser's time.

#[cfg(target_arch = "x86_64")]
fn has_avx2_fma() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static FLAG: AtomicU8 = AtomicU8::new(0);
    match FLAG.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let yes = is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma");
            FLAG.store(if yes { 1 } else { 2 }, Ordering::Relaxed);
            yes
        }
    }
}

/// AVX-512 with the 16-bit dot-product instruction (VNNI): [`QMatrix`] then does 32
/// multiply-adds per instruction instead of 16. Same results as the AVX2 kernel (integer
/// sums, flushed to floats at the same points).
#[cfg(target_arch = "x86_64")]
fn has_avx512_vnni() -> bool {
    use std::sync::atomic::{AtomicU8, Ordering};
    static FLAG: AtomicU8 = AtomicU8::new(0);
    match FLAG.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => {
            let yes = has_avx2_fma()
                && is_x86_feature_detected!("avx512f")
                && is_x86_feature_detected!("avx512bw")
                && is_x86_feature_detected!("avx512vnni");
            FLAG.store(if yes { 1 } else { 2 }, Ordering::Relaxed);
            yes
        }
    }
}

/// `Σ a[i]·b[i]`.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    debug_assert_eq!(a.len(), b.len());
    #[cfg(target_arch = "x86_64")]
    if has_avx2_fma() {
        // SAFETY: the processor supports AVX2 and FMA (checked above).
        return unsafe { avx::dot(a, b) };
    }
    dot_plain(a, b)
}

/// [`dot`] without wide instructions.
fn dot_plain(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = a.len() / 8;
    for c in 0..chunks {
        for k in 0..8 {
            acc[k] += a[c * 8 + k] * b[c * 8 + k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for i in chunks * 8..a.len() {
        s += a[i] * b[i];
    }
    s
}

/// `y += a·x`.
#[inline]
pub fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    debug_assert_eq!(y.len(), x.len());
    #[cfg(target_arch = "x86_64")]
    if has_avx2_fma() {
        // SAFETY: as in `dot`.
        return unsafe { avx::axpy(y, a, x) };
    }
    axpy_plain(y, a, x);
}

/// `out = x0 + x1 + x2 + x3 + x4`, added left to right (so the same bits as adding each of
/// x1..x4 into x0 in turn, as [`axpy`] with `a = 1` does).
pub fn sum5(out: &mut [f32], x: [&[f32]; 5]) {
    assert!(x.iter().all(|x| x.len() == out.len()));
    #[cfg(target_arch = "x86_64")]
    if has_avx2_fma() {
        // SAFETY: as in `dot`; the lengths are equal (asserted).
        return unsafe { avx::sum5(out, x) };
    }
    sum5_plain(out, x);
}

#[inline(always)]
fn sum5_plain(out: &mut [f32], x: [&[f32]; 5]) {
    for (i, o) in out.iter_mut().enumerate() {
        *o = x[0][i] + x[1][i] + x[2][i] + x[3][i] + x[4][i];
    }
}

/// [`axpy`] without wide instructions.
fn axpy_plain(y: &mut [f32], a: f32, x: &[f32]) {
    for (y, &x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

/// `y += W·x` for a row-major `y.len() × x.len()` matrix.
pub fn matvec_add(w: &[f32], x: &[f32], y: &mut [f32]) {
    let cols = x.len();
    debug_assert_eq!(w.len(), cols * y.len());
    #[cfg(target_arch = "x86_64")]
    if has_avx2_fma() {
        for (r, y) in y.iter_mut().enumerate() {
            // SAFETY: as in `dot`.
            *y += unsafe { avx::dot(&w[r * cols..(r + 1) * cols], x) };
        }
        return;
    }
    for (r, y) in y.iter_mut().enumerate() {
        *y += dot(&w[r * cols..(r + 1) * cols], x);
    }
}

/// `y += Wᵀ·x`, where `wt` holds W transposed: `x.len()` rows of `y.len()` weights, row `c`
/// being input `c`'s weight to every output. Vectorises across outputs, with no horizontal
/// sums: faster than [`matvec_add`] for the parser's small matrices.
pub fn matvec_t_add(wt: &[f32], x: &[f32], y: &mut [f32]) {
    debug_assert_eq!(wt.len(), x.len() * y.len());
    #[cfg(target_arch = "x86_64")]
    if has_avx2_fma() {
        // SAFETY: as in `dot`; the kernel checks its slice bounds.
        return unsafe { avx::matvec_t_add(wt, x, y) };
    }
    matvec_t_add_plain(wt, x, y);
}

/// [`matvec_t_add`] without wide instructions.
fn matvec_t_add_plain(wt: &[f32], x: &[f32], y: &mut [f32]) {
    let rows = y.len();
    for (c, &a) in x.iter().enumerate() {
        for (y, &w) in y.iter_mut().zip(&wt[c * rows..(c + 1) * rows]) {
            *y += a * w;
        }
    }
}

/// The logistic function over a slice.
pub fn sigmoid_all(v: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if has_avx512_vnni() {
        // SAFETY: the processor supports AVX-512 (checked).
        return unsafe { avx512::sigmoid_all(v) };
    }
    #[cfg(target_arch = "x86_64")]
    if has_avx2_fma() {
        // SAFETY: as in `dot`.
        return unsafe { avx::sigmoid_all(v) };
    }
    v.iter_mut().for_each(|x| *x = sigmoid(*x));
}

/// tanh over a slice.
pub fn tanh_all(v: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if has_avx512_vnni() {
        // SAFETY: the processor supports AVX-512 (checked).
        return unsafe { avx512::tanh_all(v) };
    }
    #[cfg(target_arch = "x86_64")]
    if has_avx2_fma() {
        // SAFETY: as in `dot`.
        return unsafe { avx::tanh_all(v) };
    }
    v.iter_mut().for_each(|x| *x = tanh(*x));
}

/// One cache line: the unit of [`Aligned`] storage.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([u8; 64]);

/// Numbers the kernels read (weights, tables), stored 64-byte aligned so that no 512-bit load
/// straddles two cache lines. With the allocator's 16-byte alignment the 8-bit kernel took
/// 40 % longer in one build than in another, depending on where the matrix happened to land.
pub struct Aligned<T> {
    lines: Vec<Line>,
    len: usize,
    _of: std::marker::PhantomData<T>,
}

/// Plain numbers, which [`Aligned`] stores as raw bytes and reads back as values.
///
/// # Safety
///
/// An implementing type must be valid for every bit pattern of its size (all zeros included),
/// have no padding bytes, hold no references or pointers and no interior mutability, and need
/// an alignment of at most 64 bytes. [`Aligned`] hands out zeroed bytes as `&[T]` and lets
/// them be written as `T`, which is sound only under these conditions.
pub unsafe trait Plain: Copy + 'static {}
// SAFETY: a primitive integer: every bit pattern is a value, no padding, alignment 1.
unsafe impl Plain for i8 {}
// SAFETY: a primitive integer: every bit pattern is a value, no padding, alignment 2.
unsafe impl Plain for i16 {}
// SAFETY: every bit pattern of an f32 is a float (NaNs included), no padding, alignment 4.
unsafe impl Plain for f32 {}

impl<T: Plain> Aligned<T> {
    pub fn zeroed(len: usize) -> Aligned<T> {
        // Part of `Plain`'s contract, checked at compile time for each stored type.
        const { assert!(std::mem::align_of::<T>() <= std::mem::align_of::<Line>()) };
        let bytes = len * std::mem::size_of::<T>();
        Aligned { lines: vec![Line([0; 64]); bytes.div_ceil(64)], len, _of: std::marker::PhantomData }
    }
}

impl<T: Plain> std::ops::Deref for Aligned<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        // SAFETY: the lines hold at least `len` values of T (zeroed, then written as T, which
        // has no padding, so every byte stays initialised), are aligned for T (64 ≥ its
        // alignment, checked in `zeroed`), and every bit pattern is a T: `Plain`'s contract.
        unsafe { std::slice::from_raw_parts(self.lines.as_ptr().cast(), self.len) }
    }
}

impl<T: Plain> std::ops::DerefMut for Aligned<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `deref`, borrowed uniquely.
        unsafe { std::slice::from_raw_parts_mut(self.lines.as_mut_ptr().cast(), self.len) }
    }
}

/// A weight matrix prepared for `y += W·x` with inputs in [-1, 1] (LSTM states, tanh
/// units): 16-bit weights, scaled per output row, so that one AVX2 instruction does sixteen
/// multiply-adds instead of eight (AVX-512 VNNI: 32). Rounding moves a score by about 1e-4 of
/// its row's largest weight. Without AVX2 the float matrix is used.
pub struct QMatrix {
    rows: usize,
    cols: usize,
    /// `rows` rounded up to a multiple of 16 (one 512-bit register of outputs): the kernels
    /// then need no tail loop, which cost as much as a tenth of the parse for the output layer.
    padded: usize,
    /// Weights of inputs 2j and 2j+1 to each output, side by side: `[j][padded row][2]`;
    /// padding rows are zero.
    q: Aligned<i16>,
    /// Per output row (padded): 1 / (input scale × the row's weight scale).
    unscale: Vec<f32>,
    /// W transposed, in floats.
    wt: Vec<f32>,
}

/// Inputs are quantised to steps of 1/4096; weights to ±8191 per row. Sixteen input pairs of
/// products then stay below 2^30, so 32-bit sums cannot overflow between flushes.
const INPUT_SCALE: f32 = 4096.0;
const WEIGHT_STEPS: f32 = 8191.0;

impl QMatrix {
    /// From a row-major `rows × cols` matrix (`cols` even).
    pub fn new(w: &[f32], rows: usize, cols: usize) -> QMatrix {
        assert!(cols.is_multiple_of(2) && w.len() == rows * cols, "QMatrix needs an even column count");
        let padded = rows.next_multiple_of(16);
        let mut q = Aligned::zeroed(padded * cols);
        let mut unscale = vec![0f32; padded];
        for r in 0..rows {
            let row = &w[r * cols..(r + 1) * cols];
            let scale = row_scale(row, WEIGHT_STEPS);
            unscale[r] = 1.0 / (INPUT_SCALE * scale);
            for (c, &x) in row.iter().enumerate() {
                q[((c / 2) * padded + r) * 2 + c % 2] = (x * scale).round() as i16;
            }
        }
        let wt = transposed(w, rows, cols);
        QMatrix { rows, cols, padded, q, unscale, wt }
    }

    /// `y += W·x`.
    pub fn matvec_add(&self, x: &[f32], y: &mut [f32]) {
        assert!(x.len() == self.cols && y.len() == self.rows);
        #[cfg(target_arch = "x86_64")]
        if has_avx2_fma() && self.cols <= 512 {
            let mut buf = [0u32; 256];
            let pairs = quantize_pairs(x, INPUT_SCALE, &mut buf);
            with_padding(y, self.padded, |out| {
                // SAFETY: AVX2 (checked), AVX-512 VNNI where `has_avx512_vnni` says so; the
                // kernels' reads stay within `q` (padded × cols values), their writes within
                // `out` (padded values).
                unsafe {
                    if has_avx512_vnni() {
                        avx512::qmatvec_add(&self.q, pairs, &self.unscale, out)
                    } else {
                        avx::qmatvec_add(&self.q, pairs, &self.unscale, out)
                    }
                }
            });
            return;
        }
        matvec_t_add(&self.wt, x, y);
    }

    /// `y_i += W·x_i` for `m` inputs at once (`x`: m × cols, `y`: m × rows). Same results as
    /// `m` calls of [`QMatrix::matvec_add`]; with AVX-512 four inputs share each pass over the
    /// weights, which are read from cache four times less often (the parser's first layer is
    /// bound by that traffic, not by arithmetic).
    pub fn matmat_add(&self, x: &[f32], y: &mut [f32]) {
        let m = x.len() / self.cols.max(1);
        assert!(x.len() == m * self.cols && y.len() == m * self.rows);
        let mut done = 0;
        #[cfg(target_arch = "x86_64")]
        if has_avx512_vnni() && self.rows.is_multiple_of(32) && self.cols <= 512 {
            let mut bufs = [[0u32; 256]; 4];
            while done + 4 <= m {
                let mut at = done * self.cols;
                let inputs = bufs.each_mut().map(|buf| {
                    let input = &x[at..at + self.cols];
                    at += self.cols;
                    quantize_pairs(input, INPUT_SCALE, buf)
                });
                // SAFETY: AVX-512 VNNI (checked); reads within `q`, writes within the four
                // outputs' rows of `y`.
                unsafe {
                    avx512::qmatmat4_add(
                        &self.q,
                        inputs,
                        &self.unscale,
                        &mut y[done * self.rows..(done + 4) * self.rows],
                    )
                };
                done += 4;
            }
        }
        for i in done..m {
            self.matvec_add(
                &x[i * self.cols..(i + 1) * self.cols],
                &mut y[i * self.rows..(i + 1) * self.rows],
            );
        }
    }
}

/// The factor that maps a row's largest weight to `steps`.
fn row_scale(row: &[f32], steps: f32) -> f32 {
    steps / row.iter().fold(0f32, |m, &x| m.max(x.abs())).max(1e-12)
}

/// `x` as 16-bit fixed point in `steps` per unit (AVX2), written into `buf` and returned as
/// the pairs the kernels read (inputs 2j and 2j+1 in one 32-bit lane).
#[cfg(target_arch = "x86_64")]
fn quantize_pairs<'a>(x: &[f32], steps: f32, buf: &'a mut [u32; 256]) -> &'a [u32] {
    assert!(x.len().is_multiple_of(2) && x.len() <= 2 * buf.len() && has_avx2_fma());
    let pairs = &mut buf[..x.len() / 2];
    // SAFETY: an i16 view of the u32 buffer (same bytes, smaller alignment); the processor
    // has AVX2 (asserted); the lengths match.
    unsafe {
        let fixed = std::slice::from_raw_parts_mut(pairs.as_mut_ptr().cast(), x.len());
        avx::quantize(x, steps, fixed);
    }
    pairs
}

/// A row-major `rows × cols` matrix transposed (the float fallbacks' layout).
fn transposed(w: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut wt = vec![0f32; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            wt[c * rows + r] = w[r * cols + c];
        }
    }
    wt
}

/// Run `kernel` on `y` extended with zeros to `padded` outputs (the kernels' tiles).
fn with_padding(y: &mut [f32], padded: usize, kernel: impl FnOnce(&mut [f32])) {
    if padded == y.len() {
        return kernel(y);
    }
    let mut stack = [0f32; 1024];
    let mut heap = Vec::new();
    let out = if padded <= stack.len() {
        &mut stack[..padded]
    } else {
        heap.resize(padded, 0.0);
        &mut heap[..]
    };
    out[..y.len()].copy_from_slice(y);
    kernel(out);
    let n = y.len();
    y.copy_from_slice(&out[..n]);
}

/// A recurrent weight matrix in 8 bits (per output row), inputs in [-1, 1] in steps of
/// 1/127. At H = 96 it takes 37 KB, which stays in the L1 cache for all of a sentence's
/// steps; the 16-bit matrix (74 KB) was read from L2 at every step, and that reading was
/// most of the recurrence's time. With AVX-512 VNNI one instruction does 64 multiply-adds;
/// with AVX2 the same integers go through the 16-bit kernel, so both give the same bits.
pub struct Q8Matrix {
    rows: usize,
    cols: usize,
    padded: usize,
    /// Weights of inputs 4j..4j+3 to each output, side by side: `[j][padded row][4]`.
    q8: Aligned<i8>,
    /// Per row, 128 × the sum of its weights: the kernel reads inputs as unsigned bytes
    /// (x + 128), and subtracts this to undo the shift.
    offset: Vec<i32>,
    /// The same weights in [`QMatrix`]'s 16-bit layout.
    q16: Aligned<i16>,
    unscale: Vec<f32>,
    wt: Vec<f32>,
}

/// Steps of an 8-bit weight or input.
const STEPS_8: f32 = 127.0;

impl Q8Matrix {
    /// From a row-major `rows × cols` matrix (`cols` a multiple of 4, at most 512).
    pub fn new(w: &[f32], rows: usize, cols: usize) -> Q8Matrix {
        assert!(cols.is_multiple_of(4) && cols <= 512 && w.len() == rows * cols, "Q8Matrix shape");
        let padded = rows.next_multiple_of(16);
        let mut q8 = Aligned::zeroed(padded * cols);
        let mut q16 = Aligned::zeroed(padded * cols);
        let mut offset = vec![0i32; padded];
        let mut unscale = vec![0f32; padded];
        for r in 0..rows {
            let row = &w[r * cols..(r + 1) * cols];
            let scale = row_scale(row, STEPS_8);
            unscale[r] = 1.0 / (STEPS_8 * scale);
            for (c, &x) in row.iter().enumerate() {
                let v = (x * scale).round().clamp(-STEPS_8, STEPS_8) as i8;
                q8[((c / 4) * padded + r) * 4 + c % 4] = v;
                q16[((c / 2) * padded + r) * 2 + c % 2] = i16::from(v);
                offset[r] += 128 * i32::from(v);
            }
        }
        let wt = transposed(w, rows, cols);
        Q8Matrix { rows, cols, padded, q8, offset, q16, unscale, wt }
    }

    /// `y += W·x`.
    pub fn matvec_add(&self, x: &[f32], y: &mut [f32]) {
        assert!(x.len() == self.cols && y.len() == self.rows);
        #[cfg(target_arch = "x86_64")]
        if has_avx512_vnni() {
            let mut quads = [0u32; 128];
            let quads = &mut quads[..self.cols / 4];
            // SAFETY: a byte view of the u32 buffer; AVX-512 VNNI is present (checked); the
            // kernel reads within `q8` (padded × cols) and writes within the padded output.
            unsafe {
                let bytes = std::slice::from_raw_parts_mut(quads.as_mut_ptr().cast(), self.cols);
                avx512::quantize_u8(x, bytes);
                with_padding(y, self.padded, |out| {
                    avx512::q8matvec_add(&self.q8, quads, &self.offset, &self.unscale, out)
                });
            }
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if has_avx2_fma() {
            let mut buf = [0u32; 256];
            let pairs = quantize_pairs(x, STEPS_8, &mut buf);
            // SAFETY: AVX2 (checked); the kernel reads within `q16` (padded × cols) and writes
            // within the padded output.
            with_padding(y, self.padded, |out| unsafe {
                avx::qmatvec_add(&self.q16, pairs, &self.unscale, out)
            });
            return;
        }
        matvec_t_add(&self.wt, x, y);
    }
}

#[cfg(target_arch = "x86_64")]
mod avx {
    use std::arch::x86_64::*;

    // The same loops as the portable versions, compiled for AVX2 so that they vectorise.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn sigmoid_all(v: &mut [f32]) {
        v.iter_mut().for_each(|x| *x = super::sigmoid(*x));
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn tanh_all(v: &mut [f32]) {
        v.iter_mut().for_each(|x| *x = super::tanh(*x));
    }

    /// `x` (clamped to [-1, 1]) in steps of 1/[`super::INPUT_SCALE`], rounded to nearest
    /// (ties to even, as the scalar fallback rounds).
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn quantize(x: &[f32], steps: f32, out: &mut [i16]) {
        assert!(x.len() == out.len());
        let n = x.len();
        let (lo, hi, scale) = (_mm256_set1_ps(-1.0), _mm256_set1_ps(1.0), _mm256_set1_ps(steps));
        let fix = |at: usize| {
            let v = _mm256_min_ps(_mm256_max_ps(_mm256_loadu_ps(x.as_ptr().add(at)), lo), hi);
            _mm256_cvtps_epi32(_mm256_mul_ps(v, scale))
        };
        let mut i = 0;
        while i + 16 <= n {
            // `packs` interleaves 128-bit halves; the permute puts them back in order.
            let packed = _mm256_permute4x64_epi64::<0b11_01_10_00>(_mm256_packs_epi32(fix(i), fix(i + 8)));
            _mm256_storeu_si256(out.as_mut_ptr().add(i).cast(), packed);
            i += 16;
        }
        for (o, &v) in out[i..].iter_mut().zip(&x[i..]) {
            *o = super::fix16(v, steps);
        }
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn qmatvec_add(q: &[i16], pairs: &[u32], unscale: &[f32], y: &mut [f32]) {
        let rows = y.len();
        assert!(q.len() >= rows * pairs.len() * 2 && unscale.len() >= rows);
        let qp = q.as_ptr();
        let mut r0 = 0;
        // `$regs` registers of 8 outputs at a time; 32-bit sums flushed to floats every
        // sixteen input pairs.
        macro_rules! tile {
            ($regs:expr) => {
                while r0 + 8 * $regs <= rows {
                    let mut fsum = [_mm256_setzero_ps(); $regs];
                    let mut isum = [_mm256_setzero_si256(); $regs];
                    for (j, &p) in pairs.iter().enumerate() {
                        let xv = _mm256_set1_epi32(p as i32);
                        let base = qp.add((j * rows + r0) * 2);
                        for (t, s) in isum.iter_mut().enumerate() {
                            let w = _mm256_loadu_si256(base.add(16 * t).cast());
                            *s = _mm256_add_epi32(*s, _mm256_madd_epi16(w, xv));
                        }
                        if j % 16 == 15 {
                            for t in 0..$regs {
                                fsum[t] = _mm256_add_ps(fsum[t], _mm256_cvtepi32_ps(isum[t]));
                                isum[t] = _mm256_setzero_si256();
                            }
                        }
                    }
                    for t in 0..$regs {
                        let total = _mm256_add_ps(fsum[t], _mm256_cvtepi32_ps(isum[t]));
                        let at = r0 + 8 * t;
                        let out = y.as_mut_ptr().add(at);
                        let scaled = _mm256_mul_ps(total, _mm256_loadu_ps(unscale.as_ptr().add(at)));
                        _mm256_storeu_ps(out, _mm256_add_ps(_mm256_loadu_ps(out), scaled));
                    }
                    r0 += 8 * $regs;
                }
            };
        }
        tile!(4);
        tile!(1);
        super::qrows_plain(q, pairs, unscale, y, r0);
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn matvec_t_add(wt: &[f32], x: &[f32], y: &mut [f32]) {
        let rows = y.len();
        let cols = x.len();
        assert!(wt.len() >= rows * cols);
        let w = wt.as_ptr();
        let yp = y.as_mut_ptr();
        let mut r0 = 0;
        // Tiles of 64 outputs held in eight registers while all inputs stream past.
        while r0 + 64 <= rows {
            let mut acc = [_mm256_setzero_ps(); 8];
            for (j, a) in acc.iter_mut().enumerate() {
                *a = _mm256_loadu_ps(yp.add(r0 + 8 * j));
            }
            for (c, &xc) in x.iter().enumerate() {
                let xv = _mm256_set1_ps(xc);
                let base = w.add(c * rows + r0);
                for (j, a) in acc.iter_mut().enumerate() {
                    *a = _mm256_fmadd_ps(xv, _mm256_loadu_ps(base.add(8 * j)), *a);
                }
            }
            for (j, a) in acc.iter().enumerate() {
                _mm256_storeu_ps(yp.add(r0 + 8 * j), *a);
            }
            r0 += 64;
        }
        while r0 + 8 <= rows {
            let mut a = _mm256_loadu_ps(yp.add(r0));
            for (c, &xc) in x.iter().enumerate() {
                a = _mm256_fmadd_ps(_mm256_set1_ps(xc), _mm256_loadu_ps(w.add(c * rows + r0)), a);
            }
            _mm256_storeu_ps(yp.add(r0), a);
            r0 += 8;
        }
        for r in r0..rows {
            let mut s = y[r];
            for (c, &xc) in x.iter().enumerate() {
                s += xc * wt[c * rows + r];
            }
            y[r] = s;
        }
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn dot(a: &[f32], b: &[f32]) -> f32 {
        let n = a.len().min(b.len());
        let (mut s0, mut s1) = (_mm256_setzero_ps(), _mm256_setzero_ps());
        let mut i = 0;
        while i + 16 <= n {
            s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a.as_ptr().add(i)), _mm256_loadu_ps(b.as_ptr().add(i)), s0);
            s1 = _mm256_fmadd_ps(
                _mm256_loadu_ps(a.as_ptr().add(i + 8)),
                _mm256_loadu_ps(b.as_ptr().add(i + 8)),
                s1,
            );
            i += 16;
        }
        while i + 8 <= n {
            s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a.as_ptr().add(i)), _mm256_loadu_ps(b.as_ptr().add(i)), s0);
            i += 8;
        }
        let s = _mm256_add_ps(s0, s1);
        let mut lanes = [0f32; 8];
        _mm256_storeu_ps(lanes.as_mut_ptr(), s);
        let mut total: f32 = lanes.iter().sum();
        while i < n {
            total += a[i] * b[i];
            i += 1;
        }
        total
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn sum5(out: &mut [f32], x: [&[f32]; 5]) {
        super::sum5_plain(out, x);
    }

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
        let n = y.len().min(x.len());
        let av = _mm256_set1_ps(a);
        let mut i = 0;
        while i + 8 <= n {
            let p = y.as_mut_ptr().add(i);
            _mm256_storeu_ps(p, _mm256_fmadd_ps(av, _mm256_loadu_ps(x.as_ptr().add(i)), _mm256_loadu_ps(p)));
            i += 8;
        }
        while i < n {
            y[i] += a * x[i];
            i += 1;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    // The portable loops again, sixteen lanes wide (the same operations, so the same results).
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn sigmoid_all(v: &mut [f32]) {
        v.iter_mut().for_each(|x| *x = super::sigmoid(*x));
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn tanh_all(v: &mut [f32]) {
        v.iter_mut().for_each(|x| *x = super::tanh(*x));
    }

    /// [`super::avx::qmatvec_add`] with 512-bit registers and the fused 16-bit dot product:
    /// 16 outputs per register, the same integer sums flushed at the same points.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn qmatvec_add(q: &[i16], pairs: &[u32], unscale: &[f32], y: &mut [f32]) {
        let rows = y.len();
        assert!(q.len() >= rows * pairs.len() * 2 && unscale.len() >= rows);
        let qp = q.as_ptr();
        let mut r0 = 0;
        macro_rules! tile {
            ($regs:expr) => {
                while r0 + 16 * $regs <= rows {
                    let mut fsum = [_mm512_setzero_ps(); $regs];
                    let mut isum = [_mm512_setzero_si512(); $regs];
                    for (j, &p) in pairs.iter().enumerate() {
                        let xv = _mm512_set1_epi32(p as i32);
                        let base = qp.add((j * rows + r0) * 2);
                        for (t, s) in isum.iter_mut().enumerate() {
                            *s = _mm512_dpwssd_epi32(*s, _mm512_loadu_si512(base.add(32 * t).cast()), xv);
                        }
                        if j % 16 == 15 {
                            for t in 0..$regs {
                                fsum[t] = _mm512_add_ps(fsum[t], _mm512_cvtepi32_ps(isum[t]));
                                isum[t] = _mm512_setzero_si512();
                            }
                        }
                    }
                    for t in 0..$regs {
                        let total = _mm512_add_ps(fsum[t], _mm512_cvtepi32_ps(isum[t]));
                        let out = y.as_mut_ptr().add(r0 + 16 * t);
                        let scaled = _mm512_mul_ps(total, _mm512_loadu_ps(unscale.as_ptr().add(r0 + 16 * t)));
                        _mm512_storeu_ps(out, _mm512_add_ps(_mm512_loadu_ps(out), scaled));
                    }
                    r0 += 16 * $regs;
                }
            };
        }
        tile!(8);
        tile!(2);
        tile!(1);
        super::qrows_plain(q, pairs, unscale, y, r0);
    }

    /// `x` (clamped to [-1, 1]) in steps of 1/127, shifted by 128 into unsigned bytes.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn quantize_u8(x: &[f32], out: &mut [u8]) {
        assert!(x.len() == out.len());
        let n = x.len();
        let (lo, hi) = (_mm512_set1_ps(-1.0), _mm512_set1_ps(1.0));
        let (scale, shift) = (_mm512_set1_ps(super::STEPS_8), _mm512_set1_epi32(128));
        let mut i = 0;
        while i + 16 <= n {
            let v = _mm512_min_ps(_mm512_max_ps(_mm512_loadu_ps(x.as_ptr().add(i)), lo), hi);
            let q = _mm512_add_epi32(_mm512_cvtps_epi32(_mm512_mul_ps(v, scale)), shift);
            _mm_storeu_si128(out.as_mut_ptr().add(i).cast(), _mm512_cvtusepi32_epi8(q));
            i += 16;
        }
        for (o, &v) in out[i..].iter_mut().zip(&x[i..]) {
            *o = (i32::from(super::fix16(v, super::STEPS_8)) + 128) as u8;
        }
    }

    /// [`super::Q8Matrix`]'s product: unsigned input bytes times signed weight bytes, four
    /// per 32-bit lane, 16 outputs per register. The shifted sums stay below 2^24 (at most
    /// 512 × 255 × 127) and the exact ones below 2^23 (512 × 127 × 127), so no flushes are
    /// needed and their float conversions are exact.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn q8matvec_add(q8: &[i8], quads: &[u32], offset: &[i32], unscale: &[f32], y: &mut [f32]) {
        let rows = y.len();
        assert!(rows.is_multiple_of(16) && q8.len() >= rows * quads.len() * 4);
        assert!(offset.len() >= rows && unscale.len() >= rows);
        let qp = q8.as_ptr();
        let mut r0 = 0;
        macro_rules! tile {
            ($regs:expr) => {
                while r0 + 16 * $regs <= rows {
                    let mut isum = [_mm512_setzero_si512(); $regs];
                    for (j, &p) in quads.iter().enumerate() {
                        let xv = _mm512_set1_epi32(p as i32);
                        let base = qp.add((j * rows + r0) * 4);
                        for (t, s) in isum.iter_mut().enumerate() {
                            *s = _mm512_dpbusd_epi32(*s, xv, _mm512_loadu_si512(base.add(64 * t).cast()));
                        }
                    }
                    for (t, s) in isum.iter().enumerate() {
                        let at = r0 + 16 * t;
                        let exact = _mm512_sub_epi32(*s, _mm512_loadu_si512(offset.as_ptr().add(at).cast()));
                        let scaled = _mm512_mul_ps(
                            _mm512_cvtepi32_ps(exact),
                            _mm512_loadu_ps(unscale.as_ptr().add(at)),
                        );
                        let out = y.as_mut_ptr().add(at);
                        _mm512_storeu_ps(out, _mm512_add_ps(_mm512_loadu_ps(out), scaled));
                    }
                    r0 += 16 * $regs;
                }
            };
        }
        // Twelve independent sums hide the multiply-add latency better than eight (384 rows:
        // two tiles); the tile does not change any output's sum.
        tile!(12);
        tile!(8);
        tile!(2);
        tile!(1);
    }

    /// Four products with one pass over the weights: `y` holds the four outputs one after
    /// another. Rows must be a multiple of 32.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn qmatmat4_add(q: &[i16], pairs: [&[u32]; 4], unscale: &[f32], y: &mut [f32]) {
        let rows = y.len() / 4;
        let half = pairs[0].len();
        assert!(rows.is_multiple_of(32) && q.len() >= rows * half * 2 && unscale.len() >= rows);
        assert!(pairs.iter().all(|p| p.len() == half));
        let qp = q.as_ptr();
        let mut r0 = 0;
        macro_rules! tile {
            ($regs:expr) => {
                while r0 + 16 * $regs <= rows {
                    let mut fsum = [[_mm512_setzero_ps(); $regs]; 4];
                    let mut isum = [[_mm512_setzero_si512(); $regs]; 4];
                    for j in 0..half {
                        let base = qp.add((j * rows + r0) * 2);
                        let mut w = [_mm512_setzero_si512(); $regs];
                        for (t, w) in w.iter_mut().enumerate() {
                            *w = _mm512_loadu_si512(base.add(32 * t).cast());
                        }
                        for (v, s) in isum.iter_mut().enumerate() {
                            let xv = _mm512_set1_epi32(*pairs[v].get_unchecked(j) as i32);
                            for t in 0..$regs {
                                s[t] = _mm512_dpwssd_epi32(s[t], w[t], xv);
                            }
                        }
                        if j % 16 == 15 {
                            for v in 0..4 {
                                for t in 0..$regs {
                                    fsum[v][t] = _mm512_add_ps(fsum[v][t], _mm512_cvtepi32_ps(isum[v][t]));
                                    isum[v][t] = _mm512_setzero_si512();
                                }
                            }
                        }
                    }
                    for v in 0..4 {
                        for t in 0..$regs {
                            let total = _mm512_add_ps(fsum[v][t], _mm512_cvtepi32_ps(isum[v][t]));
                            let out = y.as_mut_ptr().add(v * rows + r0 + 16 * t);
                            let scaled =
                                _mm512_mul_ps(total, _mm512_loadu_ps(unscale.as_ptr().add(r0 + 16 * t)));
                            _mm512_storeu_ps(out, _mm512_add_ps(_mm512_loadu_ps(out), scaled));
                        }
                    }
                    r0 += 16 * $regs;
                }
            };
        }
        // Twelve independent sums (48 rows) where the rows allow: more sums in flight than
        // the multiply-add latency; the tiling does not change any output's sum.
        tile!(3);
        tile!(2);
        tile!(1);
    }
}

/// An input in [-1, 1] in `steps` per unit, rounded to nearest (ties to even).
fn fix16(v: f32, steps: f32) -> i16 {
    // Adding and subtracting 1.5·2^23 rounds without a library call.
    ((v.clamp(-1.0, 1.0) * steps + 12_582_912.0) - 12_582_912.0) as i16
}

/// The rows from `r0` on of a [`QMatrix`] product, one at a time (the kernels' tails).
fn qrows_plain(q: &[i16], pairs: &[u32], unscale: &[f32], y: &mut [f32], r0: usize) {
    let rows = y.len();
    for r in r0..rows {
        let mut s = 0i64;
        for (j, &p) in pairs.iter().enumerate() {
            let (x0, x1) = (p as u16 as i16, (p >> 16) as u16 as i16);
            let (w0, w1) = (q[(j * rows + r) * 2], q[(j * rows + r) * 2 + 1]);
            s += i64::from(x0) * i64::from(w0) + i64::from(x1) * i64::from(w1);
        }
        y[r] += s as f32 * unscale[r];
    }
}

/// `e^x`, vectorisable: x = n·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to degree 6.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    const LOG2E: f32 = std::f32::consts::LOG2_E;
    const LN2: f32 = std::f32::consts::LN_2;
    // Adding and subtracting 1.5·2^23 rounds to the nearest integer without a branch.
    const ROUND: f32 = 12_582_912.0;
    let t = (x * LOG2E).clamp(-126.0, 126.0);
    let shifted = t + ROUND;
    let n = shifted - ROUND;
    let r = (t - n) * LN2;
    let p = 1.0
        + r * (1.0 + r * (0.5 + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    // The integer n sits in the low mantissa bits of `shifted`: integer arithmetic on the bit
    // patterns builds 2^n without a float-to-int conversion (which would not vectorise).
    let n_int = shifted.to_bits().wrapping_sub(ROUND.to_bits());
    p * f32::from_bits(n_int.wrapping_add(127) << 23)
}

#[inline(always)]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

#[inline(always)]
pub fn tanh(x: f32) -> f32 {
    2.0 / (1.0 + exp(-2.0 * x)) - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonlinearities_match_the_library() {
        for i in -2000..=2000 {
            let x = i as f32 / 100.0;
            // Range reduction in f32 costs a few ulps at large |x|.
            assert!((exp(x) - x.exp()).abs() <= 4e-6 * x.exp(), "exp({x})");
            assert!((tanh(x) - x.tanh()).abs() < 1e-6, "tanh({x})");
            assert!((sigmoid(x) - 1.0 / (1.0 + (-x).exp())).abs() < 1e-6, "sigmoid({x})");
        }
        assert!(exp(-200.0) >= 0.0 && exp(-200.0) < 1e-37);
        assert!(tanh(100.0) == 1.0 && tanh(-100.0) == -1.0);
    }

    #[test]
    fn kernels_agree_with_plain_loops() {
        let a: Vec<f32> = (0..37).map(|i| (i as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..37).map(|i| (i as f32 * 0.11).cos()).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-4);
        let mut y = b.clone();
        axpy(&mut y, 0.5, &a);
        for i in 0..37 {
            assert!((y[i] - (b[i] + 0.5 * a[i])).abs() < 1e-6);
        }
        let mut t_out = vec![0.5f32; 70];
        let wt: Vec<f32> = (0..37 * 70).map(|i| ((i * 7) % 13) as f32 - 6.0).collect();
        matvec_t_add(&wt, &a, &mut t_out);
        for (r, &got) in t_out.iter().enumerate() {
            let want: f32 = 0.5 + (0..37).map(|c| a[c] * wt[c * 70 + r]).sum::<f32>();
            assert!((got - want).abs() < 1e-3, "output {r}: {got} vs {want}");
        }
        let mut v: Vec<f32> = (-20..20).map(|i| i as f32 / 3.0).collect();
        let mut w = v.clone();
        sigmoid_all(&mut v);
        tanh_all(&mut w);
        for (i, (s, t)) in v.iter().zip(&w).enumerate() {
            let x = (i as f32 - 20.0) / 3.0;
            assert!((s - sigmoid(x)).abs() < 1e-6 && (t - tanh(x)).abs() < 1e-6);
        }
        // The 16-bit matrix: close to the float product for inputs in [-1, 1].
        let x: Vec<f32> = (0..64).map(|i| (i * 37 % 64) as f32 / 32.0 - 1.0).collect();
        let w: Vec<f32> = (0..101 * 64).map(|i| ((i * 17 % 29) as f32 - 14.0) / 10.0).collect();
        let qm = QMatrix::new(&w, 101, 64);
        let mut got = vec![0.25f32; 101];
        qm.matvec_add(&x, &mut got);
        for r in 0..101 {
            let want = 0.25 + dot(&w[r * 64..(r + 1) * 64], &x);
            assert!((got[r] - want).abs() < 0.01, "row {r}: {} vs {want}", got[r]);
        }
        let mut out = [1f32; 2];
        let w: Vec<f32> = a.iter().chain(&b).copied().collect();
        matvec_add(&w, &a, &mut out);
        assert!((out[0] - 1.0 - dot(&a, &a)).abs() < 1e-4);
        assert!((out[1] - 1.0 - plain).abs() < 1e-4);
    }

    fn sample_matrix(rows: usize, cols: usize) -> QMatrix {
        let w: Vec<f32> = (0..rows * cols).map(|i| (((i * 7919) % 1013) as f32 - 506.0) / 300.0).collect();
        QMatrix::new(&w, rows, cols)
    }

    /// Batched products are the single products, bit for bit (including the rows left over
    /// by the batches of four).
    #[test]
    fn batched_and_single_products_agree() {
        // 384 rows: 48-row tiles only; 416: then a 32-row tile; 64: a 48- and a 16-row tile;
        // 112 rows: not a multiple of the batched kernel's 32, so products go one at a time.
        for (rows, cols, m) in [(384, 192, 7), (416, 64, 4), (64, 32, 5), (112, 64, 5)] {
            let qm = sample_matrix(rows, cols);
            let x: Vec<f32> = (0..m * cols).map(|i| ((i * 31 % 97) as f32 / 48.0 - 1.0) * 1.1).collect();
            let mut batched: Vec<f32> = (0..m * rows).map(|i| i as f32 / 1000.0).collect();
            let mut single = batched.clone();
            qm.matmat_add(&x, &mut batched);
            for i in 0..m {
                qm.matvec_add(&x[i * cols..(i + 1) * cols], &mut single[i * rows..(i + 1) * rows]);
            }
            assert_eq!(batched, single, "{rows} rows");
        }
    }

    #[test]
    fn sum5_adds_as_axpy_in_turn() {
        let rows: Vec<Vec<f32>> =
            (0..5).map(|k| (0..37).map(|i| ((i * 7 + k * 13) % 17) as f32 / 3.0 - 2.7).collect()).collect();
        let mut want = rows[0].clone();
        for r in &rows[1..] {
            axpy(&mut want, 1.0, r);
        }
        let mut got = vec![0f32; 37];
        sum5(&mut got, [&rows[0], &rows[1], &rows[2], &rows[3], &rows[4]]);
        assert_eq!(got, want);
    }

    /// Where the processor has both, the AVX-512 and AVX2 kernels give the same bits, so a
    /// model parses alike on both kinds of machine.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn wide_and_narrow_kernels_agree() {
        if !simd_present(Simd::Avx512, "AVX-512 and AVX2 qmatvec bit for bit") {
            return;
        }
        for rows in [96, 112, 384] {
            let cols = 192;
            let qm = sample_matrix(rows, cols);
            let x: Vec<f32> = (0..cols).map(|i| (i * 37 % 101) as f32 / 50.0 - 1.0).collect();
            let mut fixed = vec![0i16; cols];
            // SAFETY: AVX2 and AVX-512 VNNI are present (checked above); lengths match.
            unsafe { avx::quantize(&x, INPUT_SCALE, &mut fixed) };
            assert!(
                fixed.iter().zip(&x).all(|(&q, &v)| q == fix16(v, INPUT_SCALE)),
                "vector and plain rounding differ"
            );
            let pairs: Vec<u32> =
                fixed.chunks(2).map(|p| p[0] as u16 as u32 | (p[1] as u16 as u32) << 16).collect();
            let mut narrow = vec![0.5f32; qm.padded];
            let mut wide = narrow.clone();
            // SAFETY: as above.
            unsafe {
                avx::qmatvec_add(&qm.q, &pairs, &qm.unscale, &mut narrow);
                avx512::qmatvec_add(&qm.q, &pairs, &qm.unscale, &mut wide);
            }
            assert_eq!(narrow, wide, "{rows} rows");
        }
    }

    /// The 8-bit matrix: near the float product, and the same bits from its AVX-512 and
    /// AVX2 paths.
    #[test]
    fn eight_bit_products() {
        let (rows, cols) = (100, 96);
        let w: Vec<f32> = (0..rows * cols).map(|i| (((i * 7919) % 1013) as f32 - 506.0) / 300.0).collect();
        let qm = Q8Matrix::new(&w, rows, cols);
        let x: Vec<f32> = (0..cols).map(|i| (i * 37 % 101) as f32 / 50.0 - 1.0).collect();
        let mut got = vec![0.25f32; rows];
        qm.matvec_add(&x, &mut got);
        for r in 0..rows {
            let row = &w[r * cols..(r + 1) * cols];
            let want = 0.25 + dot(row, &x);
            // Each input is off by at most half a step (1/254), each weight by half a step of
            // its row's largest (inputs are at most 1 in size).
            let max = row.iter().fold(0f32, |m, v| m.max(v.abs()));
            let bound: f32 = row.iter().map(|v| (v.abs() + max) / 254.0).sum();
            assert!((got[r] - want).abs() <= bound, "row {r}: {} vs {want} (bound {bound})", got[r]);
        }
        #[cfg(target_arch = "x86_64")]
        if has_avx512_vnni() {
            let mut bytes = vec![0u8; cols];
            let mut fixed = vec![0i16; cols];
            // SAFETY: AVX-512 VNNI (checked) implies AVX2; lengths match.
            unsafe {
                avx512::quantize_u8(&x, &mut bytes);
                avx::quantize(&x, STEPS_8, &mut fixed);
            }
            assert!(bytes.iter().zip(&fixed).all(|(&b, &f)| i32::from(b) - 128 == i32::from(f)));
            let quads: Vec<u32> =
                bytes.chunks(4).map(|q| u32::from_le_bytes([q[0], q[1], q[2], q[3]])).collect();
            let pairs: Vec<u32> =
                fixed.chunks(2).map(|p| p[0] as u16 as u32 | (p[1] as u16 as u32) << 16).collect();
            let mut wide = vec![0.5f32; qm.padded];
            let mut narrow = wide.clone();
            // SAFETY: as above.
            unsafe {
                avx512::q8matvec_add(&qm.q8, &quads, &qm.offset, &qm.unscale, &mut wide);
                avx::qmatvec_add(&qm.q16, &pairs, &qm.unscale, &mut narrow);
            }
            assert_eq!(wide, narrow);
        }
    }

    /// A SIMD path of the kernels.
    #[derive(Clone, Copy, PartialEq)]
    enum Simd {
        /// AVX2 and FMA.
        Avx2,
        /// AVX-512 F, BW and VNNI (which dispatch only chooses alongside AVX2).
        Avx512,
    }

    /// Whether this processor has `path`. When it does not, prints a `skipped:` line naming
    /// what was not compared; and when `DYAD_REQUIRE_SIMD` (`avx2` or `avx512`, the latter
    /// implying the former) asks for that path, fails instead, so that a test machine which
    /// lacks a path cannot pass by skipping it unnoticed.
    fn simd_present(path: Simd, what: &str) -> bool {
        #[cfg(target_arch = "x86_64")]
        let present = match path {
            Simd::Avx2 => has_avx2_fma(),
            Simd::Avx512 => has_avx512_vnni(),
        };
        #[cfg(not(target_arch = "x86_64"))]
        let present = false;
        let (name, lacks) = match path {
            Simd::Avx2 => ("avx2", "avx2/fma"),
            Simd::Avx512 => ("avx512", "avx512vnni"),
        };
        let required = match std::env::var("DYAD_REQUIRE_SIMD").as_deref() {
            Ok("avx512") => true,
            Ok("avx2") => path == Simd::Avx2,
            Ok("") | Err(_) => false,
            Ok(other) => panic!("DYAD_REQUIRE_SIMD={other}: expected avx2 or avx512"),
        };
        if !present {
            assert!(!required, "DYAD_REQUIRE_SIMD requires the {name} path, but the CPU lacks {lacks}");
            eprintln!("skipped: CPU lacks {lacks} ({what} not compared with the scalar path)");
        }
        present
    }

    #[cfg(target_arch = "x86_64")]
    /// Deterministic pseudo-random numbers in [0, 1).
    struct Numbers(u64);

    #[cfg(target_arch = "x86_64")]
    impl Numbers {
        fn next(&mut self) -> f32 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 40) as f32 / (1u64 << 24) as f32
        }

        /// A value in [-span, span].
        fn signed(&mut self, span: f32) -> f32 {
            (2.0 * self.next() - 1.0) * span
        }

        /// Inputs mostly in [-1, 1], some beyond (clamped by the kernels), some exactly at half
        /// a quantisation step (rounded to even) and the extremes.
        fn inputs(&mut self, n: usize, steps: f32) -> Vec<f32> {
            (0..n)
                .map(|i| match i % 7 {
                    0 => self.signed(1.3),
                    1 => ((self.signed(steps) as i32) as f32 + 0.5) / steps,
                    2 => {
                        if i % 2 == 0 {
                            1.0
                        } else {
                            -1.0
                        }
                    }
                    _ => self.signed(1.0),
                })
                .collect()
        }
    }

    #[cfg(target_arch = "x86_64")]
    /// Inputs 2j and 2j+1 as the 16-bit kernels read them, quantised by the scalar rule.
    fn scalar_pairs(x: &[f32], steps: f32) -> Vec<u32> {
        x.chunks(2)
            .map(|p| fix16(p[0], steps) as u16 as u32 | (fix16(p[1], steps) as u16 as u32) << 16)
            .collect()
    }

    #[cfg(target_arch = "x86_64")]
    /// Weights in the 16-bit kernels' layout (`[pair][row][2]`), up to ±`max`, and their
    /// per-row unscale factors.
    fn weights16(n: &mut Numbers, rows: usize, pairs: usize, max: f32) -> (Vec<i16>, Vec<f32>) {
        let q = (0..rows * pairs * 2).map(|_| n.signed(max).round() as i16).collect();
        let unscale = (0..rows).map(|_| (0.5 + n.next()) / (INPUT_SCALE * WEIGHT_STEPS)).collect();
        (q, unscale)
    }

    #[cfg(target_arch = "x86_64")]
    /// How far a 16-bit kernel may be from the exact scalar sum: it turns its 32-bit sums into
    /// floats every sixteen pairs and adds them up in floats, each step rounding by at most
    /// 2^-24 of the row's sum of absolute products.
    fn q16_bound(q: &[i16], pairs: &[u32], unscale: &[f32], y0: &[f32], r: usize) -> f32 {
        let rows = y0.len();
        let mut abs = 0f64;
        for (j, &p) in pairs.iter().enumerate() {
            let (x0, x1) = (p as u16 as i16, (p >> 16) as u16 as i16);
            abs += (f64::from(x0) * f64::from(q[(j * rows + r) * 2])).abs();
            abs += (f64::from(x1) * f64::from(q[(j * rows + r) * 2 + 1])).abs();
        }
        let steps = 2 * pairs.len().div_ceil(16) + 4;
        (steps as f64 * f64::from(f32::EPSILON) * (abs * f64::from(unscale[r]) + f64::from(y0[r].abs())))
            as f32
    }

    #[cfg(target_arch = "x86_64")]
    /// The y of a 16-bit product, as the scalar path computes it (exact integer sums).
    fn q16_scalar(q: &[i16], pairs: &[u32], unscale: &[f32], y0: &[f32]) -> Vec<f32> {
        let mut y = y0.to_vec();
        qrows_plain(q, pairs, unscale, &mut y, 0);
        y
    }

    #[cfg(target_arch = "x86_64")]
    fn assert_close(got: &[f32], want: &[f32], bound: impl Fn(usize) -> f32, what: &str) {
        assert_eq!(got.len(), want.len(), "{what}");
        for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
            assert!((g - w).abs() <= bound(i), "{what}, output {i}: {g} vs scalar {w} (bound {})", bound(i));
        }
    }

    /// Every AVX2 kernel against the scalar path: dot, axpy, the transposed product, the
    /// 16-bit quantisation and product (which also serves the 8-bit matrix), sigmoid and tanh.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_paths_match_the_scalar_path() {
        let kernels = "dot, axpy, matvec_t, quantize, qmatvec, q8matvec, sigmoid/tanh";
        if !simd_present(Simd::Avx2, kernels) {
            return;
        }
        let mut n = Numbers(2);
        for len in [0, 5, 16, 37, 192] {
            let a: Vec<f32> = (0..len).map(|_| n.signed(3.0)).collect();
            let b: Vec<f32> = (0..len).map(|_| n.signed(3.0)).collect();
            let abs: f32 = a.iter().zip(&b).map(|(x, y)| (x * y).abs()).sum();
            // SAFETY: AVX2 and FMA are present (checked).
            let wide = unsafe { avx::dot(&a, &b) };
            let bound = (len as f32 + 2.0) * f32::EPSILON * abs;
            assert!((wide - dot_plain(&a, &b)).abs() <= bound, "dot of {len}");

            let mut wide = b.clone();
            let mut plain = b.clone();
            // SAFETY: as above.
            unsafe { avx::axpy(&mut wide, 0.7, &a) };
            axpy_plain(&mut plain, 0.7, &a);
            assert_close(&wide, &plain, |i| 2.0 * f32::EPSILON * (0.7 * a[i].abs() + b[i].abs()), "axpy");
        }
        for (rows, cols) in [(70, 37), (64, 8), (200, 96), (5, 3)] {
            let wt: Vec<f32> = (0..rows * cols).map(|_| n.signed(2.0)).collect();
            let x: Vec<f32> = (0..cols).map(|_| n.signed(1.0)).collect();
            let y0: Vec<f32> = (0..rows).map(|_| n.signed(1.0)).collect();
            let (mut wide, mut plain) = (y0.clone(), y0.clone());
            // SAFETY: as above.
            unsafe { avx::matvec_t_add(&wt, &x, &mut wide) };
            matvec_t_add_plain(&wt, &x, &mut plain);
            let bound = |r: usize| {
                let abs: f32 = (0..cols).map(|c| (x[c] * wt[c * rows + r]).abs()).sum();
                (cols as f32 + 2.0) * f32::EPSILON * (abs + y0[r].abs())
            };
            assert_close(&wide, &plain, bound, &format!("matvec_t {rows}×{cols}"));
        }
        for len in [0, 7, 16, 33, 512] {
            for steps in [INPUT_SCALE, STEPS_8] {
                let x = n.inputs(len, steps);
                let mut wide = vec![0i16; len];
                // SAFETY: as above; lengths match.
                unsafe { avx::quantize(&x, steps, &mut wide) };
                let plain: Vec<i16> = x.iter().map(|&v| fix16(v, steps)).collect();
                assert_eq!(wide, plain, "quantize {len} in steps of 1/{steps}");
            }
        }
        // Row counts that use each tile and the scalar tail; the largest weights and inputs
        // test that the 32-bit sums do not overflow between flushes.
        for (rows, cols, max) in [(112, 192, 8191.0), (40, 512, 8191.0), (13, 34, 300.0), (8, 2, 8191.0)] {
            let (q, unscale) = weights16(&mut n, rows, cols / 2, max);
            let pairs = scalar_pairs(&n.inputs(cols, INPUT_SCALE), INPUT_SCALE);
            let y0: Vec<f32> = (0..rows).map(|_| n.signed(1.0)).collect();
            let mut wide = y0.clone();
            // SAFETY: as above; `q` holds rows × cols weights, `unscale` rows factors.
            unsafe { avx::qmatvec_add(&q, &pairs, &unscale, &mut wide) };
            let plain = q16_scalar(&q, &pairs, &unscale, &y0);
            let bound = |r: usize| q16_bound(&q, &pairs, &unscale, &y0, r);
            assert_close(&wide, &plain, bound, &format!("qmatvec {rows}×{cols}"));
        }
        // The 8-bit matrix's AVX2 path: its weights widened to 16 bits, inputs in steps of
        // 1/127. Every sum is an integer below 2^24, exact in floats: the same bits.
        for (rows, cols) in [(96, 96), (32, 512)] {
            let (q, unscale) = weights16(&mut n, rows, cols / 2, STEPS_8);
            let pairs = scalar_pairs(&n.inputs(cols, STEPS_8), STEPS_8);
            let y0: Vec<f32> = (0..rows).map(|_| n.signed(1.0)).collect();
            let mut wide = y0.clone();
            // SAFETY: as above.
            unsafe { avx::qmatvec_add(&q, &pairs, &unscale, &mut wide) };
            assert_eq!(wide, q16_scalar(&q, &pairs, &unscale, &y0), "q8matvec (AVX2) {rows}×{cols}");
        }
        let v: Vec<f32> =
            (-400..400).map(|i| i as f32 / 13.0).chain([-1e-8, 0.0, 1e-8, 90.0, -90.0]).collect();
        let (mut s, mut t) = (v.clone(), v.clone());
        // SAFETY: as above.
        unsafe {
            avx::sigmoid_all(&mut s);
            avx::tanh_all(&mut t);
        }
        assert_eq!(s, v.iter().map(|&x| sigmoid(x)).collect::<Vec<_>>(), "sigmoid");
        assert_eq!(t, v.iter().map(|&x| tanh(x)).collect::<Vec<_>>(), "tanh");
        eprintln!("compared with the scalar path: avx2 {kernels}");
    }

    /// Every AVX-512 VNNI kernel against the scalar path: the 16-bit product and its batch
    /// of four, the 8-bit quantisation and product, sigmoid and tanh.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx512_paths_match_the_scalar_path() {
        let kernels = "qmatvec, qmatmat4, quantize_u8, q8matvec, sigmoid/tanh";
        if !simd_present(Simd::Avx512, kernels) {
            return;
        }
        let mut n = Numbers(3);
        for (rows, cols, max) in [(384, 192, 8191.0), (48, 512, 8191.0), (21, 34, 300.0), (16, 2, 8191.0)] {
            let (q, unscale) = weights16(&mut n, rows, cols / 2, max);
            let pairs = scalar_pairs(&n.inputs(cols, INPUT_SCALE), INPUT_SCALE);
            let y0: Vec<f32> = (0..rows).map(|_| n.signed(1.0)).collect();
            let (mut wide, mut narrow) = (y0.clone(), y0.clone());
            // SAFETY: AVX-512 VNNI and AVX2 are present (checked); `q` holds rows × cols
            // weights, `unscale` rows factors.
            unsafe {
                avx512::qmatvec_add(&q, &pairs, &unscale, &mut wide);
                avx::qmatvec_add(&q, &pairs, &unscale, &mut narrow);
            }
            let plain = q16_scalar(&q, &pairs, &unscale, &y0);
            let bound = |r: usize| q16_bound(&q, &pairs, &unscale, &y0, r);
            assert_close(&wide, &plain, bound, &format!("qmatvec {rows}×{cols}"));
            assert_eq!(wide, narrow, "qmatvec {rows}×{cols}: AVX-512 and AVX2 differ");
        }
        for (rows, cols) in [(384, 192), (32, 512), (64, 2)] {
            let (q, unscale) = weights16(&mut n, rows, cols / 2, 8191.0);
            let inputs: Vec<Vec<u32>> =
                (0..4).map(|_| scalar_pairs(&n.inputs(cols, INPUT_SCALE), INPUT_SCALE)).collect();
            let y0: Vec<f32> = (0..4 * rows).map(|_| n.signed(1.0)).collect();
            let (mut batched, mut single) = (y0.clone(), y0.clone());
            // SAFETY: as above; rows are a multiple of 32, `y` holds four outputs of `rows`.
            unsafe {
                avx512::qmatmat4_add(
                    &q,
                    [&inputs[0], &inputs[1], &inputs[2], &inputs[3]],
                    &unscale,
                    &mut batched,
                );
                for (v, pairs) in inputs.iter().enumerate() {
                    avx512::qmatvec_add(&q, pairs, &unscale, &mut single[v * rows..(v + 1) * rows]);
                }
            }
            for (v, pairs) in inputs.iter().enumerate() {
                let y0 = &y0[v * rows..(v + 1) * rows];
                let plain = q16_scalar(&q, pairs, &unscale, y0);
                let bound = |r: usize| q16_bound(&q, pairs, &unscale, y0, r);
                assert_close(
                    &batched[v * rows..(v + 1) * rows],
                    &plain,
                    bound,
                    &format!("qmatmat4 input {v}"),
                );
            }
            assert_eq!(batched, single, "qmatmat4 {rows}×{cols}: not the single products");
        }
        for len in [0, 9, 16, 100, 512] {
            let x = n.inputs(len, STEPS_8);
            let mut wide = vec![0u8; len];
            // SAFETY: as above; lengths match.
            unsafe { avx512::quantize_u8(&x, &mut wide) };
            let plain: Vec<u8> = x.iter().map(|&v| (i32::from(fix16(v, STEPS_8)) + 128) as u8).collect();
            assert_eq!(wide, plain, "quantize_u8 {len}");
        }
        // Rows a multiple of 16 (the 8-bit kernel has no tail); the extremes at 512 columns
        // reach the largest sums the kernel's comment allows. Exact sums: the same bits.
        for (rows, cols, extreme) in [(96, 96, false), (176, 512, false), (16, 512, true), (32, 4, false)] {
            let q8: Vec<i8> = (0..rows * cols)
                .map(|i| if extreme { [127i8, -127][i % 2] } else { n.signed(STEPS_8).round() as i8 })
                .collect();
            let x: Vec<f32> = if extreme {
                (0..cols).map(|i| [1.0, -1.0][i % 2]).collect()
            } else {
                n.inputs(cols, STEPS_8)
            };
            let offset: Vec<i32> = (0..rows)
                .map(|r| (0..cols).map(|c| 128 * i32::from(q8[((c / 4) * rows + r) * 4 + c % 4])).sum())
                .collect();
            let unscale: Vec<f32> = (0..rows).map(|_| (0.5 + n.next()) / (STEPS_8 * STEPS_8)).collect();
            let y0: Vec<f32> = (0..rows).map(|_| n.signed(1.0)).collect();
            let mut bytes = vec![0u8; cols];
            // SAFETY: as above; lengths match.
            unsafe { avx512::quantize_u8(&x, &mut bytes) };
            let quads: Vec<u32> =
                bytes.chunks(4).map(|q| u32::from_le_bytes([q[0], q[1], q[2], q[3]])).collect();
            let mut wide = y0.clone();
            // SAFETY: as above; `q8` holds rows × cols weights, `offset` and `unscale` rows.
            unsafe { avx512::q8matvec_add(&q8, &quads, &offset, &unscale, &mut wide) };
            let plain: Vec<f32> = (0..rows)
                .map(|r| {
                    let s: i64 = (0..cols)
                        .map(|c| {
                            i64::from(fix16(x[c], STEPS_8)) * i64::from(q8[((c / 4) * rows + r) * 4 + c % 4])
                        })
                        .sum();
                    y0[r] + s as f32 * unscale[r]
                })
                .collect();
            assert_eq!(wide, plain, "q8matvec {rows}×{cols}");
        }
        let v: Vec<f32> =
            (-400..400).map(|i| i as f32 / 13.0).chain([-1e-8, 0.0, 1e-8, 90.0, -90.0]).collect();
        let (mut s, mut t) = (v.clone(), v.clone());
        // SAFETY: as above.
        unsafe {
            avx512::sigmoid_all(&mut s);
            avx512::tanh_all(&mut t);
        }
        assert_eq!(s, v.iter().map(|&x| sigmoid(x)).collect::<Vec<_>>(), "sigmoid");
        assert_eq!(t, v.iter().map(|&x| tanh(x)).collect::<Vec<_>>(), "tanh");
        eprintln!("compared with the scalar path: avx512 {kernels}");
    }

    /// Off x86-64 there is no SIMD path to compare; say so, and fail where one is required.
    #[cfg(not(target_arch = "x86_64"))]
    #[test]
    fn simd_paths_match_the_scalar_path() {
        simd_present(Simd::Avx2, "every AVX2 kernel");
        simd_present(Simd::Avx512, "every AVX-512 kernel");
    }
}
