package io.skygear.bench;

import io.skygear.assets.internal.image.ImageLimits;
import io.skygear.assets.internal.image.ImagePipeline;
import io.skygear.assets.internal.image.ImageProcessor;
import io.skygear.assets.internal.image.ProcessedImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Thumbnail of 4000×3000 JPEGs to a 300 px JPEG at quality 80, per image, three ways on the same files
 * in one run: our pipeline ({@code image/resize,l_300/quality,Q_80} through {@link ImageProcessor}),
 * Thumbnailator on ImageIO (the Java alternative), and libvips' own {@code vipsthumbnail} (the limit).
 * Each contender runs in its own process, so its peak RSS (VmHWM, polled from /proc) is its own.
 *
 * <p>JVM contenders read the file, process and write the result per image; one untimed pass over the
 * files warms the JIT, then {@code --rounds} timed passes give the per-image median. {@code vipsthumbnail}
 * is run once over the files and once over them repeated {@code rounds + 1} times: the difference divided
 * by the extra images is its per-image time without process start-up, which one subprocess per image
 * would add (about as long as the thumbnail itself).
 *
 * <p>The whole comparison runs {@code --repeat} times, contenders in turn, and the table shows each one's
 * median over the repeats, so that load from other processes spreads over all of them.
 *
 * <p>Usage: {@code ImageThumbnailBench [--images 4] [--rounds 5] [--repeat 3] [--dir DIR]}
 */
public final class ImageThumbnailBench {

    private static final String PIPELINE = "image/resize,l_300/quality,Q_80";
    private static final int WIDTH = 4000;
    private static final int HEIGHT = 3000;

    private record Result(String name, double msPerImage, long peakRssKiB, String detail) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--worker")) {
            worker(args[1], Integer.parseInt(args[2]), Path.of(args[3]), Arrays.copyOfRange(args, 4, args.length));
            return;
        }
        int images = 4;
        int rounds = 5;
        int repeat = 3;
        Path dir = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (usage: [--images 4] [--rounds 5] [--repeat 3] [--dir DIR])");
            }
        }
        if (images < 1 || rounds < 1 || repeat < 1) {
            throw new IllegalArgumentException("--images, --rounds and --repeat must be at least 1");
        }
        if (!ImageProcessor.available()) {
            throw new IllegalStateException(ImageProcessor.unavailableReason());
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("image-bench");
        List<Path> files = generate(work, images);
        Path out = Files.createDirectories(work.resolve("out"));

        List<List<Result>> repeats = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            List<Result> results = List.of(
                    jvmWorker("ours", rounds, out, files),
                    jvmWorker("thumbnailator", rounds, out, files),
                    vipsthumbnail(rounds, out, files));
            results.forEach(x -> System.out.printf("repeat %d: %s %.1f ms, peak %d MiB%n",
                    repeats.size() + 1, x.name(), x.msPerImage(), x.peakRssKiB() / 1024));
            repeats.add(results);
        }
        List<Result> medians = new ArrayList<>();
        for (int c = 0; c < repeats.getFirst().size(); c++) {
            int contender = c;
            List<Result> runs = repeats.stream().map(list -> list.get(contender)).toList();
            double ms = median(runs.stream().map(x -> Math.round(x.msPerImage() * 1000)).toList()) / 1000;
            long peak = runs.stream().mapToLong(Result::peakRssKiB).max().orElse(0);
            medians.add(new Result(runs.getFirst().name(), ms, peak, runs.getFirst().detail()));
        }
        print(medians, files);
    }

    // --- the contenders, each in its own process -------------------------------------------------

    private static Result jvmWorker(String name, int rounds, Path out, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ImageThumbnailBench.class.getName(), "--worker", name, String.valueOf(rounds), out.toString()));
        files.forEach(f -> command.add(f.toString()));
        Measured run = run(command);
        String line = run.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " worker printed no result:\n" + run.output()));
        String[] fields = line.split(" ");
        return new Result(name, Double.parseDouble(fields[1]), run.peakRssKiB(), fields[2]);
    }

    private static Result vipsthumbnail(int rounds, Path out, List<Path> files) throws Exception {
        List<String> once = vipsthumbnailCommand(out, files, 1);
        run(once); // warm the page cache and the dynamic linker
        Measured single = run(once);
        Measured repeated = run(vipsthumbnailCommand(out, files, rounds + 1));
        double ms = (repeated.nanos() - single.nanos()) / 1e6 / ((double) rounds * files.size());
        return new Result("vipsthumbnail", ms, repeated.peakRssKiB(),
                "size=" + size(out.resolve(files.getFirst().getFileName().toString().replace(".jpg", "_vips.jpg"))));
    }

    private static List<String> vipsthumbnailCommand(Path out, List<Path> files, int repeat) {
        List<String> command = new ArrayList<>(List.of("vipsthumbnail", "-s", "300",
                "-o", out.resolve("%s_vips.jpg[Q=80,strip]").toString()));
        for (int i = 0; i < repeat; i++) {
            files.forEach(f -> command.add(f.toString()));
        }
        return command;
    }

    private static void worker(String name, int rounds, Path out, String[] paths) throws IOException {
        List<Path> files = Arrays.stream(paths).map(Path::of).toList();
        ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());
        ImagePipeline pipeline = ImagePipeline.parse(PIPELINE);
        List<Long> nanos = new ArrayList<>();
        String detail = "";
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
            for (Path file : files) {
                Path target = out.resolve(file.getFileName().toString().replace(".jpg", "_" + name + ".jpg"));
                long start = System.nanoTime();
                if (name.equals("ours")) {
                    ProcessedImage image = processor.process(Files.readAllBytes(file), pipeline);
                    Files.write(target, image.bytes());
                    detail = image.width() + "x" + image.height() + ",size=" + image.bytes().length;
                } else {
                    Thumbnails.of(file.toFile()).size(300, 300).outputFormat("jpg").outputQuality(0.8f).toFile(target.toFile());
                    detail = "size=" + Files.size(target);
                }
                if (round > 0) {
                    nanos.add(System.nanoTime() - start);
                }
            }
        }
        System.out.println("RESULT " + median(nanos) / 1e6 + " " + detail);
    }

    // --- processes and their peak memory ---------------------------------------------------------

    private record Measured(long nanos, long peakRssKiB, String output) {
    }

    /** Runs a command to completion, polling its VmHWM (peak resident set) from /proc every 5 ms. */
    private static Measured run(List<String> command) throws Exception {
        Path log = Files.createTempFile("image-bench", ".log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AtomicLong peak = new AtomicLong();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        Thread poller = Thread.ofPlatform().daemon().start(() -> {
            while (process.isAlive()) {
                peak.accumulateAndGet(hwmKiB(status), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        int exit = process.waitFor();
        long nanos = System.nanoTime() - start;
        poller.join();
        String output = Files.readString(log);
        Files.delete(log);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(6, command.size())))
                    + " exited with " + exit + ":\n" + output);
        }
        return new Measured(nanos, peak.get(), output);
    }

    private static long hwmKiB(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the process ended between isAlive() and the read
        }
        return 0;
    }

    // --- input images and output -----------------------------------------------------------------

    /** Photo-like 4000×3000 JPEGs (gradients, texture, sensor-like noise) at ImageIO quality 0.9. */
    private static List<Path> generate(Path dir, int count) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Path file = dir.resolve("photo-" + n + ".jpg");
            if (!Files.exists(file)) {
                writeJpeg(photo(n), file);
            }
            files.add(file);
        }
        return files;
    }

    private static BufferedImage photo(int seed) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        double fx = 40 + random.nextInt(80);
        double fy = 30 + random.nextInt(60);
        int[] row = new int[WIDTH];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double sky = (double) y / HEIGHT;
                double texture = Math.sin(x / fx + Math.sin(y / fy) * 3) * Math.cos(y / (fy * 1.7) - x / (fx * 2.3));
                int noise = random.nextInt(25) - 12;
                int r = clamp((int) (90 + 120 * sky + 40 * texture) + noise);
                int g = clamp((int) (140 - 60 * sky + 50 * texture * sky) + noise);
                int b = clamp((int) (200 - 150 * sky + 30 * texture) + noise);
                row[x] = r << 16 | g << 8 | b;
            }
            image.setRGB(0, y, WIDTH, 1, row, 0, WIDTH);
        }
        return image;
    }

    private static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.9f);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static void print(List<Result> results, List<Path> files) {
        long totalBytes = files.stream().mapToLong(ImageThumbnailBench::size).sum();
        System.out.printf("%d photo-like %dx%d JPEGs, %.1f MB on average; %s -> 300 px JPEG Q80%n",
                files.size(), WIDTH, HEIGHT, totalBytes / 1e6 / files.size(), PIPELINE);
        Result ours = results.getFirst();
        Result vips = results.getLast();
        System.out.println("| contender | ms per image | peak RSS MiB | time vs ours | output |");
        System.out.println("|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %s | %.1f | %d | %.2f | %s |%n", r.name(), r.msPerImage(), r.peakRssKiB() / 1024,
                    r.msPerImage() / ours.msPerImage(), r.detail());
        }
        Result thumbnailator = results.get(1);
        System.out.printf("Thumbnailator / ours = %.2fx (goal >= 5); ours / vipsthumbnail = %.2fx (goal <= 1.2)%n",
                thumbnailator.msPerImage() / ours.msPerImage(), ours.msPerImage() / vips.msPerImage());
    }
}
