from django.db import models


class Student(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Tag(models.Model):
    name = models.CharField(max_length=50)

    def __str__(self):
        return self.name


class Course(models.Model):
    """A course and its students.

    ``student_count`` is stored so that a course list can sort and show it without a
    COUNT per row. It must always equal the number of enrolled students.
    """

    title = models.CharField(max_length=200)
    student_count = models.PositiveIntegerField(default=0)
    # course.students and, from the other side, student.courses: one relation, one
    # join table (Course.students.through), and m2m_changed sent with that as sender.
    students = models.ManyToManyField(Student, related_name="courses", blank=True)
    # Another relation of the same model: its changes must not touch student_count.
    tags = models.ManyToManyField(Tag, related_name="courses", blank=True)

    def __str__(self):
        return self.title
