package com.accountsnapshot.architecture;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The product's layering, in one direction: entry points ({@code cli}, {@code api}, {@code console}, {@code schedule},
 * {@code events}) start runs through {@code run}, which launches the {@code job}, which counts what it does in
 * {@code metrics} and calls the pure {@code snapshot} calculation and its JDBC adapters in
 * {@code snapshot.internal}. {@code benchmark} and {@code demo} are tools on top of the product; nothing in the
 * product imports them.
 */
@AnalyzeClasses(packages = "com.accountsnapshot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Top-level packages depend on each other in one direction only. */
    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices().matching("com.accountsnapshot.(*)..")
            .should().beFreeOfCycles();

    /** Nor do a package and its sub-packages ({@code api} and {@code api.internal}) import each other. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("com.accountsnapshot.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layersRunOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Command line").definedBy("com.accountsnapshot.cli..")
            .layer("HTTP API").definedBy("com.accountsnapshot.api..")
            .layer("Console").definedBy("com.accountsnapshot.console..")
            .layer("Schedule").definedBy("com.accountsnapshot.schedule..")
            .layer("Events").definedBy("com.accountsnapshot.events..")
            .layer("Security").definedBy("com.accountsnapshot.security..")
            .layer("Tools").definedBy("com.accountsnapshot.benchmark..", "com.accountsnapshot.demo..")
            .layer("Remote partitioning").definedBy("com.accountsnapshot.remote..")
            .layer("Runs").definedBy("com.accountsnapshot.run..")
            .layer("Job").definedBy("com.accountsnapshot.job..")
            .layer("Metrics").definedBy("com.accountsnapshot.metrics..")
            .layer("Snapshot").definedBy("com.accountsnapshot.snapshot..")
            .whereLayer("Command line").mayNotBeAccessedByAnyLayer()
            .whereLayer("HTTP API").mayNotBeAccessedByAnyLayer()
            .whereLayer("Console").mayNotBeAccessedByAnyLayer()
            .whereLayer("Schedule").mayOnlyBeAccessedByLayers("Command line", "Console")
            .whereLayer("Events").mayOnlyBeAccessedByLayers("Command line", "Console")
            .whereLayer("Security").mayOnlyBeAccessedByLayers("HTTP API", "Console", "Events", "Schedule")
            .whereLayer("Tools").mayOnlyBeAccessedByLayers("Command line")
            .whereLayer("Remote partitioning").mayOnlyBeAccessedByLayers("Command line", "Tools")
            .whereLayer("Runs").mayOnlyBeAccessedByLayers("Command line", "HTTP API", "Console", "Schedule", "Events", "Tools",
                    "Remote partitioning")
            .whereLayer("Job").mayOnlyBeAccessedByLayers("Command line", "HTTP API", "Console", "Schedule", "Events", "Tools",
                    "Remote partitioning", "Runs")
            .whereLayer("Metrics").mayOnlyBeAccessedByLayers("Command line", "HTTP API", "Console", "Schedule", "Events",
                    "Tools", "Remote partitioning", "Runs", "Job")
            .whereLayer("Snapshot").mayOnlyBeAccessedByLayers("Command line", "HTTP API", "Console", "Schedule", "Events",
                    "Tools", "Remote partitioning", "Runs", "Job", "Metrics");

    /** The calculation is pure: no framework, no database, no clock, so that a snapshot depends on its inputs only. */
    @ArchTest
    static final ArchRule calculationIsPure = noClasses()
            .that().resideInAPackage("com.accountsnapshot.snapshot")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                    "com.zaxxer..", "org.postgresql..")
            .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
            .orShould().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("a snapshot is computed from its inputs only (the as-of instant is one of them)");
}
