/**
 * A typed builder for cloud-init {@code #cloud-config} user data: {@code write_files},
 * {@code runcmd} as argv lists, users and SSH keys. The document is written through Jackson's YAML
 * module from a tree — never by string concatenation — with every caller value a double-quoted
 * string, so YAML 1.1 (PyYAML, which cloud-init uses) never turns {@code no}, {@code 0755} or
 * {@code 12:30:00} into a boolean or a number.
 *
 * <pre>{@code
 * String userData = CloudConfig.builder()
 *     .user(CloudUser.named("dev").shell("/bin/bash").sshAuthorizedKeys(key))
 *     .writeFile(WriteFile.text("/etc/app/env", env).owner("root:root").permissions("0600"))
 *     .runcmd("systemctl", "enable", "--now", "app")
 *     .build()
 *     .toYaml();
 * }</pre>
 */
package dev.hostpolicy.core.cloudinit;
