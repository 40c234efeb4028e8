"""TODO (new kata): what this file holds, in one line.

Read README.md beside this file for the story and the tasks.
"""

# TODO (task 1): TODO (new kata): what the learner writes for task 1, and the imports
#   that help (the task's hints say more).
#
# TODO (task 2): TODO (new kata): what the learner writes for task 2, and the imports
#   that help (the task's hints say more).
#
# TODO (task 3): TODO (new kata): what the learner writes for task 3, and the imports
#   that help (the task's hints say more).
#
# TODO (task 4): TODO (new kata): what the learner writes for task 4, and the imports
#   that help (the task's hints say more).
